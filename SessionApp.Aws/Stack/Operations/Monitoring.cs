using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace SessionApp.Aws.Stack.Operations;

/// <summary>
/// The environment's CloudWatch dashboard and alarms, built from the stack's services, target groups and store, so that
/// a new project in the app model gets its rows and its alarms without a line of its own. Every alarm notifies the
/// alarm topic when it fires and when it clears.
/// </summary>
/// <remarks>
/// <para>
/// MemoryDB reports every metric per node (dimensions <c>ClusterName</c> and <c>NodeName</c>) and the number of nodes is
/// a parameter, so its alarms and graphs are CloudWatch Metrics Insights queries over the cluster's nodes: the worst
/// node for a level (memory, CPU, lag), the sum over nodes for a count (evictions, failures).
/// </para>
/// <para>
/// Missing data, per metric, as AWS documents it: the load balancer reports a target group's request metrics only while
/// requests flow, and the engine's counters only once something happened, so silence there is
/// <see cref="TreatMissingData.NOT_BREACHING"/>; MemoryDB's counts are reported every minute, so their silence is
/// not a failure either; a level (memory, engine CPU) that stops arriving keeps the alarm's state
/// (<see cref="TreatMissingData.MISSING"/>) rather than pretending to be healthy or failing.
/// </para>
/// </remarks>
internal sealed class Monitoring : Construct
{
    /// <summary>MemoryDB memory in use above which the alarm fires (%); AWS's guidance for keeping room for writes and failover.</summary>
    public const double MemoryUsagePercent = 80;

    /// <summary>
    /// The busiest node's engine thread above which the alarm fires (%). MemoryDB runs commands on one thread, so
    /// <c>EngineCPUUtilization</c> (that thread) rather than the host's <c>CPUUtilization</c> (averaged over every vCPU)
    /// is what AWS advises watching on nodes of any size; 90 % is its suggested threshold.
    /// </summary>
    public const double EngineCpuPercent = 90;

    /// <summary>Seconds a replica may lag its primary before the alarm fires.</summary>
    public const double ReplicationLagSeconds = 1;

    /// <summary>The share of a service's requests its targets may answer with 5xx (%) before the alarm fires.</summary>
    public const double Target5xxPercent = 5;

    /// <summary>A service's 99th-percentile response time (seconds) above which the alarm fires.</summary>
    public const double P99Seconds = 1;

    /// <summary>The share of a service's requests answered 503 for an unavailable session store (%) before the alarm fires.</summary>
    public const double StoreUnavailablePercent = 1;

    /// <summary>The audit events the services log (ServiceDefaults' <c>AuditTrail</c>, category <c>SessionApp.Audit</c>), counted from the logs.</summary>
    public static IReadOnlyList<(int EventId, string Name)> AuditEvents { get; } =
    [
        (9001, "SignedIn"),
        (9002, "SignInFailed"),
        (9003, "SignedOut"),
        (9004, "SessionsRevoked"),
        (9005, "RefreshRefused"),
    ];

    /// <summary>The namespace of the audit counts: metric filters cannot add dimensions of their own, so environment and service are in the metric's name.</summary>
    public const string AuditNamespace = "SessionApp/Audit";

    private static readonly Duration Minute = Duration.Minutes(1);

    private readonly string _environment;
    private readonly SnsAction _notify;
    private readonly List<Alarm> _alarms = [];

    public Monitoring(
        Construct scope,
        string id,
        AwsTopology topology,
        OperationsFoundation operations,
        string clusterName,
        string memoryDbClusterName,
        IReadOnlyList<FargateApp> apps,
        ApplicationLoadBalancer loadBalancer,
        IReadOnlyDictionary<string, ApplicationTargetGroup> targetGroups)
        : base(scope, id)
    {
        _environment = topology.Environment;
        _notify = new SnsAction(operations.AlarmTopic);

        foreach (var app in apps)
        {
            CountAuditEvents(app);
        }

        var storeRows = StoreAlarmsAndGraphs(memoryDbClusterName);
        var loadBalancerRow = LoadBalancerAlarmsAndGraphs(loadBalancer, targetGroups);
        var ecsRow = EcsAlarmsAndGraphs(clusterName, apps);
        var engineRow = EngineAlarmsAndGraphs(topology, apps);

        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps
        {
            DashboardName = DashboardName,
            DefaultInterval = Duration.Hours(3),
        });
        Dashboard.AddWidgets(new TextWidget(new TextWidgetProps
        {
            Markdown = $"# SessionApp {_environment}\nLoad balancer, ECS services, the MemoryDB session store, the session engine and sign-in. Alarms notify the topic `sessionapp-{_environment}-alarms`.",
            Width = 24,
            Height = 2,
        }));
        Dashboard.AddWidgets(new AlarmStatusWidget(new AlarmStatusWidgetProps { Title = "Alarms", Alarms = _alarms.ToArray<IAlarm>(), Width = 24, Height = 3 }));
        Dashboard.AddWidgets(loadBalancerRow);
        Dashboard.AddWidgets(ecsRow);
        foreach (var row in storeRows)
        {
            Dashboard.AddWidgets(row);
        }

        Dashboard.AddWidgets(engineRow);
    }

    public Dashboard Dashboard { get; }

    /// <summary>The dashboard's name, as written: <c>SessionApp-{environment}</c>.</summary>
    public string DashboardName => $"SessionApp-{_environment}";

    /// <summary>Every alarm of the environment.</summary>
    public IReadOnlyList<Alarm> Alarms => _alarms;

    /// <summary>The audit count metric of an event in a service's logs.</summary>
    public static string AuditMetricName(string environment, string service, string eventName) => $"{environment}.{service}.{eventName}";

    private void CountAuditEvents(FargateApp app)
    {
        foreach (var (eventId, name) in AuditEvents)
        {
            _ = new MetricFilter(this, $"{LogicalName.Of(app.Model.Name)}{name}", new MetricFilterProps
            {
                LogGroup = app.LogGroup,
                FilterPattern = FilterPattern.Literal(AuditFilterPattern(eventId)),
                MetricNamespace = AuditNamespace,
                MetricName = AuditMetricName(_environment, app.Model.Name, name),
                MetricValue = "1",
            });
        }
    }

    /// <summary>The metric filter that selects one audit event from the JSON console logs.</summary>
    public static string AuditFilterPattern(int eventId) =>
        string.Create(CultureInfo.InvariantCulture, $"{{ $.Category = \"SessionApp.Audit\" && $.EventId = {eventId} }}");

    private List<IWidget[]> StoreAlarmsAndGraphs(string clusterName)
    {
        IMetric Nodes(string function, string metric, string label, bool perNode = false) => new MathExpression(new MathExpressionProps
        {
            Expression = $"SELECT {function}({metric}) FROM SCHEMA(\"AWS/MemoryDB\", ClusterName, NodeName) WHERE ClusterName = '{clusterName}'{(perNode ? " GROUP BY NodeName" : "")}",
            Label = label,
            Period = Minute,
        });

        Add("memorydb-memory", $"MemoryDB: the fullest node uses more than {MemoryUsagePercent} % of its memory. Sessions are evicted or refused when it is full: add shards or a larger node type.",
            Nodes("MAX", "DatabaseMemoryUsagePercentage", "memory %"), MemoryUsagePercent, 3, 3, TreatMissingData.MISSING);
        Add("memorydb-evictions", "MemoryDB evicted keys: sessions were lost to memory pressure.",
            Nodes("SUM", "Evictions", "evictions"), 0, 1, 1, TreatMissingData.NOT_BREACHING);
        Add("memorydb-authentication-failures", "MemoryDB refused an AUTH: a wrong password, or someone trying one (ACL LOG on the cluster names the user).",
            Nodes("SUM", "AuthenticationFailures", "authentication failures"), 0, 1, 1, TreatMissingData.NOT_BREACHING);
        Add("memorydb-command-authorization-failures", "MemoryDB refused a command or key to the ACL user: the access string and the engine disagree (a new command or key prefix the ACL does not allow).",
            Nodes("SUM", "CommandAuthorizationFailures", "command authorization failures"), 0, 1, 1, TreatMissingData.NOT_BREACHING);
        Add("memorydb-engine-cpu", $"MemoryDB: the busiest node's engine thread above {EngineCpuPercent} % for 5 minutes. Add shards to spread the load.",
            Nodes("MAX", "EngineCPUUtilization", "engine CPU %"), EngineCpuPercent, 5, 5, TreatMissingData.MISSING);
        Add("memorydb-replication-lag", $"MemoryDB: a replica more than {ReplicationLagSeconds} s behind its primary for 5 minutes; a failover then would wait for it.",
            Nodes("MAX", "ReplicationLag", "replication lag (s)"), ReplicationLagSeconds, 5, 5, TreatMissingData.NOT_BREACHING);

        return
        [
            [
                Graph("MemoryDB memory used (%)", Nodes("MAX", "DatabaseMemoryUsagePercentage", "", perNode: true)),
                Graph("MemoryDB engine CPU (%)", Nodes("MAX", "EngineCPUUtilization", "", perNode: true)),
                Graph("MemoryDB connections", Nodes("MAX", "CurrConnections", "", perNode: true)),
                Graph("MemoryDB evictions", Nodes("SUM", "Evictions", "evictions")),
            ],
            [
                Graph("MemoryDB replication lag (s)", Nodes("MAX", "ReplicationLag", "", perNode: true)),
                Graph("MemoryDB authentication failures", Nodes("SUM", "AuthenticationFailures", "AUTH refused")),
                Graph("MemoryDB command authorization failures", Nodes("SUM", "CommandAuthorizationFailures", "refused by the ACL")),
            ],
        ];
    }

    private IWidget[] LoadBalancerAlarmsAndGraphs(ApplicationLoadBalancer loadBalancer, IReadOnlyDictionary<string, ApplicationTargetGroup> targetGroups)
    {
        var requests = new List<IMetric>();
        var p50 = new List<IMetric>();
        var p99 = new List<IMetric>();
        var healthy = new List<IMetric>();
        foreach (var (service, group) in targetGroups)
        {
            var count = group.Metrics.RequestCount(new MetricOptions { Period = Minute, Statistic = "Sum", Label = service });
            requests.Add(count);
            p50.Add(group.Metrics.TargetResponseTime(new MetricOptions { Period = Minute, Statistic = "p50", Label = $"{service} p50" }));
            var slowest = group.Metrics.TargetResponseTime(new MetricOptions { Period = Minute, Statistic = "p99", Label = $"{service} p99" });
            p99.Add(slowest);
            healthy.Add(group.Metrics.HealthyHostCount(new MetricOptions { Period = Minute, Statistic = "Minimum", Label = $"{service} healthy" }));
            healthy.Add(group.Metrics.UnhealthyHostCount(new MetricOptions { Period = Minute, Statistic = "Maximum", Label = $"{service} unhealthy" }));

            var errors = group.Metrics.HttpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, new MetricOptions { Period = Minute, Statistic = "Sum" });
            Add(AlarmNames.Target5xxRate(_environment, service),
                $"More than {Target5xxPercent} % of '{service}' requests answered 5xx by its tasks in 2 of 3 minutes. Also rolls a deployment of '{service}' back.",
                new MathExpression(new MathExpressionProps
                {
                    Expression = "100 * FILL(errors, 0) / requests",
                    UsingMetrics = new Dictionary<string, IMetric> { ["errors"] = errors, ["requests"] = count },
                    Label = $"{service} 5xx %",
                    Period = Minute,
                }),
                Target5xxPercent, 3, 2, TreatMissingData.NOT_BREACHING, named: true);
            Add(AlarmNames.Of(_environment, service, "p99-latency"),
                $"'{service}' p99 response time above {P99Seconds} s in 5 of 5 minutes.",
                slowest, P99Seconds, 5, 5, TreatMissingData.NOT_BREACHING, named: true);
            Add(AlarmNames.UnhealthyHosts(_environment, service),
                $"The load balancer calls a '{service}' task unhealthy (its liveness check failed) for 3 minutes. Also rolls a deployment of '{service}' back.",
                group.Metrics.UnhealthyHostCount(new MetricOptions { Period = Minute, Statistic = "Maximum" }),
                1, 3, 3, TreatMissingData.NOT_BREACHING, named: true, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
        }

        return
        [
            Graph("Requests per service", [.. requests]),
            Graph("5xx by source", [
                loadBalancer.Metrics.HttpCodeElb(HttpCodeElb.ELB_5XX_COUNT, new MetricOptions { Period = Minute, Statistic = "Sum", Label = "load balancer 5xx" }),
                loadBalancer.Metrics.HttpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, new MetricOptions { Period = Minute, Statistic = "Sum", Label = "targets 5xx" }),
            ]),
            Graph("Target response time p50 / p99 (s)", [.. p50, .. p99]),
            Graph("Healthy and unhealthy hosts", [.. healthy]),
        ];
    }

    private IWidget[] EcsAlarmsAndGraphs(string clusterName, IReadOnlyList<FargateApp> apps)
    {
        var tasks = new List<IMetric>();
        var cpu = new List<IMetric>();
        var memory = new List<IMetric>();
        foreach (var app in apps)
        {
            var service = app.Model.Name;
            Metric Insight(string name, string label) => new(new MetricProps
            {
                Namespace = "ECS/ContainerInsights",
                MetricName = name,
                DimensionsMap = new Dictionary<string, string> { ["ClusterName"] = clusterName, ["ServiceName"] = service },
                Statistic = "Average",
                Period = Minute,
                Label = label,
            });
            var running = Insight("RunningTaskCount", $"{service} running");
            var desired = Insight("DesiredTaskCount", $"{service} desired");
            tasks.Add(running);
            tasks.Add(desired);
            cpu.Add(app.Service.MetricCpuUtilization(new MetricOptions { Period = Minute, Label = service }));
            memory.Add(app.Service.MetricMemoryUtilization(new MetricOptions { Period = Minute, Label = service }));

            Add(AlarmNames.Of(_environment, service, "running-below-desired"),
                $"Fewer '{service}' tasks running than ECS wants, for 5 minutes: tasks fail to start or keep stopping (the service's events and its log group say why).",
                new MathExpression(new MathExpressionProps
                {
                    Expression = "desired - running",
                    UsingMetrics = new Dictionary<string, IMetric> { ["desired"] = desired, ["running"] = running },
                    Label = $"{service} tasks missing",
                    Period = Minute,
                }),
                0, 5, 5, TreatMissingData.NOT_BREACHING, named: true);
        }

        return
        [
            Graph("ECS tasks: running vs desired", [.. tasks]),
            Graph("ECS CPU per service (%)", [.. cpu]),
            Graph("ECS memory per service (%)", [.. memory]),
        ];
    }

    private IWidget[] EngineAlarmsAndGraphs(AwsTopology topology, IReadOnlyList<FargateApp> apps)
    {
        var loads = new List<IMetric>();
        var commits = new List<IMetric>();
        var unavailable = new List<IMetric>();
        var audit = new List<IMetric>();
        foreach (var app in apps)
        {
            var service = app.Model.Name;
            foreach (var (_, name) in AuditEvents)
            {
                audit.Add(new Metric(new MetricProps
                {
                    Namespace = AuditNamespace,
                    MetricName = AuditMetricName(_environment, service, name),
                    Statistic = "Sum",
                    Period = Duration.Minutes(5),
                    Label = $"{service} {name}",
                }));
            }

            if (!app.Model.References.Contains(topology.Store.Name))
            {
                continue;
            }

            foreach (var result in new[] { "hit", "miss", "none" })
            {
                loads.Add(Engine("sessionapp.sessions.loads", service, "Sum", $"{service} {result}", ("result", result)));
            }

            commits.Add(Engine("sessionapp.sessions.commit.duration", service, "p99", $"{service} commit p99"));
            var refused = Engine("sessionapp.sessions.unavailable", service, "Sum", $"{service} 503");
            unavailable.Add(refused);
            var requests = Engine("http.server.request.duration", service, "SampleCount", $"{service} requests");
            Add(AlarmNames.Of(_environment, service, "store-unavailable-rate"),
                $"More than {StoreUnavailablePercent} % of '{service}' requests answered 503 because the session store could not be reached, in 3 of 5 minutes.",
                new MathExpression(new MathExpressionProps
                {
                    Expression = "100 * FILL(refused, 0) / requests",
                    UsingMetrics = new Dictionary<string, IMetric> { ["refused"] = refused, ["requests"] = requests },
                    Label = $"{service} 503 %",
                    Period = Minute,
                }),
                StoreUnavailablePercent, 5, 3, TreatMissingData.NOT_BREACHING, named: true);
        }

        return
        [
            Graph("Session loads by result", [.. loads]),
            Graph("Session commit p99 (s)", [.. commits]),
            Graph("503s for an unavailable store", [.. unavailable]),
            Graph("Sign-in audit (per 5 minutes)", [.. audit]),
        ];
    }

    /// <summary>One of the engine's metrics of a service, as the collector writes it (<see cref="CollectorConfiguration"/>).</summary>
    private Metric Engine(string name, string service, string statistic, string label, (string Key, string Value)? extra = null)
    {
        var dimensions = new Dictionary<string, string> { ["environment"] = _environment, ["service"] = service };
        if (extra is { } dimension)
        {
            dimensions[dimension.Key] = dimension.Value;
        }

        return new Metric(new MetricProps
        {
            Namespace = CollectorConfiguration.Namespace,
            MetricName = name,
            DimensionsMap = dimensions,
            Statistic = statistic,
            Period = Minute,
            Label = label,
        });
    }

    private static GraphWidget Graph(string title, params IMetric[] metrics) =>
        new(new GraphWidgetProps { Title = title, Left = metrics, Width = 6, Height = 6 });

    private void Add(
        string name,
        string description,
        IMetric metric,
        double threshold,
        int periods,
        int datapoints,
        TreatMissingData missing,
        bool named = false,
        ComparisonOperator comparison = ComparisonOperator.GREATER_THAN_THRESHOLD)
    {
        var alarmName = named ? name : AlarmNames.Of(_environment, name);
        var alarm = new Alarm(this, LogicalName.Of(alarmName), new AlarmProps
        {
            AlarmName = alarmName,
            AlarmDescription = description,
            Metric = metric,
            Threshold = threshold,
            EvaluationPeriods = periods,
            DatapointsToAlarm = datapoints,
            ComparisonOperator = comparison,
            TreatMissingData = missing,
        });
        alarm.AddAlarmAction(_notify);
        alarm.AddOkAction(_notify);
        _alarms.Add(alarm);
    }
}
