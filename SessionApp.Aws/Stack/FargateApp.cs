using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Constructs;
using SessionApp.Aws.Stack.Operations;
using HealthCheck = Amazon.CDK.AWS.ECS.HealthCheck;

namespace SessionApp.Aws.Stack;

/// <summary>
/// One <see cref="AwsService"/> as an ECS Fargate service in the private subnets: its own security group, task role,
/// execution role (which pulls only its ECR repository and writes only its log group), log group with retention,
/// container health check and load balancer health check both on the liveness path, deployment circuit breaker with
/// rollback and CPU autoscaling between two template parameters.
/// </summary>
/// <remarks>
/// <para>
/// Liveness, not readiness, decides a task's fate. ECS replaces a task whose container health check fails and one its
/// target group calls unhealthy. The readiness path (<c>/health</c>) includes the shared store: during a MemoryDB
/// failover it fails on every task at once, and ECS would restart the whole fleet for a blip the tasks already answer
/// with 503 and Retry-After. So the container and the target group probe <c>/alive</c> (the process serves), as the
/// Amazon Builders' Library advises for load balancer checks (local health only, never a dependency the whole fleet
/// shares); readiness stays for people: the Aspire dashboard locally, the store alarms in AWS.
/// </para>
/// <para>
/// No desired count is written: autoscaling owns it. CloudFormation creates the service with one task, registering the
/// scalable target raises it to the minimum, and later stack updates leave the count autoscaling chose alone (a desired
/// count in the template pulled a scaled-out service back on every deployment).
/// </para>
/// </remarks>
internal sealed class FargateApp : Construct
{
    public const int TargetCpuPercent = 70;
    public const RetentionDays LogRetention = RetentionDays.ONE_MONTH;
    public const string PortName = "http";

    /// <summary>The collector's container name in every task.</summary>
    public const string CollectorContainerName = "otel-collector";

    /// <summary>The variable the AWS Distro for OpenTelemetry collector reads its configuration from.</summary>
    public const string CollectorConfigVariable = "AOT_CONFIG_CONTENT";

    public FargateApp(Construct scope, AwsTopology topology, AwsService service, EnvironmentPreset preset, FargateAppContext context)
        : base(scope, LogicalName.Of(service.Name))
    {
        var behindLoadBalancer = topology.Routes.Any(r => r.Service == service.Name);
        Model = service;
        Parameters = new ServiceParameters(scope, service, preset);
        var parameters = Parameters;

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = context.Vpc,
            Description = Ec2Description.Of($"{service.Name} tasks: port {service.ContainerPort} from the load balancer and the services that reference it"),
            AllowAllOutbound = true,
        });

        var logGroup = context.Operations.CreateLogGroup(this, "Logs", service.Name, LogRetention);
        LogGroup = logGroup;

        TaskRole = new Role(this, "TaskRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = $"'{service.Name}' tasks: read the app's SSM path and its one secret",
        });
        context.GrantSettings(TaskRole);
        GrantTelemetry(TaskRole, context.Operations);

        var taskDefinition = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps
        {
            Cpu = parameters.Cpu.ValueAsNumber,
            MemoryLimitMiB = parameters.Memory.ValueAsNumber,
            TaskRole = TaskRole,
            RuntimePlatform = new RuntimePlatform
            {
                CpuArchitecture = CpuArchitecture.X86_64,
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
            },
        });

        var repository = Repository.FromRepositoryName(this, "Repository", parameters.ImageRepository.ValueAsString);
        Container = taskDefinition.AddContainer("app", new ContainerDefinitionOptions
        {
            ContainerName = service.Name,
            Image = ContainerImage.FromEcrRepository(repository, context.ImageTag),
            Essential = true,
            PortMappings = new IPortMapping[]
            {
                new PortMapping { Name = PortName, ContainerPort = service.ContainerPort, AppProtocol = AppProtocol.Http },
            },
            Environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_HTTP_PORTS"] = service.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["OTEL_SERVICE_NAME"] = service.Name,
                // The collector beside it; ServiceDefaults exports over OTLP whenever an endpoint is set.
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = CollectorConfiguration.ServiceEndpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
                ["OTEL_RESOURCE_ATTRIBUTES"] = $"deployment.environment.name={topology.Environment}",
                [CollectorConfiguration.HistogramAggregationVariable] = "base2_exponential_bucket_histogram",
                ["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio",
                ["OTEL_TRACES_SAMPLER_ARG"] = context.TraceSampleRatio,
                // Everything else comes from SSM Parameter Store under this path (ServiceDefaults' SSM provider).
                ["Ssm__Path"] = topology.ParameterPath,
            },
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { LogGroup = logGroup, StreamPrefix = service.Name }),
            HealthCheck = new HealthCheck
            {
                // The .NET runtime images carry bash but neither curl nor wget: one HTTP/1.0 GET over /dev/tcp.
                Command = new[]
                {
                    "CMD-SHELL",
                    $"bash -c 'exec 3<>/dev/tcp/127.0.0.1/{service.ContainerPort} && printf \"GET {service.LivenessPath} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n\" >&3 && head -1 <&3 | grep -q \" 200 \"' || exit 1",
                },
                Interval = Duration.Seconds(15),
                Timeout = Duration.Seconds(5),
                Retries = 3,
                StartPeriod = Duration.Seconds(30),
            },
        });

        Collector = taskDefinition.AddContainer("Collector", new ContainerDefinitionOptions
        {
            ContainerName = CollectorContainerName,
            Image = ContainerImage.FromRegistry(context.CollectorImage),
            // Telemetry never takes requests down: a collector that stops is restarted with the task only when the
            // service itself fails.
            Essential = false,
            MemoryReservationMiB = 64,
            Environment = new Dictionary<string, string>
            {
                [CollectorConfigVariable] = CollectorConfiguration.For(context.Operations.MetricsLogGroupName),
            },
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { LogGroup = logGroup, StreamPrefix = CollectorContainerName }),
            HealthCheck = new HealthCheck
            {
                Command = new[] { "CMD", "/healthcheck" },
                Interval = Duration.Seconds(30),
                Timeout = Duration.Seconds(5),
                Retries = 3,
                StartPeriod = Duration.Seconds(15),
            },
        });
        Container.AddContainerDependencies(new ContainerDependency { Container = Collector, Condition = ContainerDependencyCondition.START });

        Service = new FargateService(this, "Service", new FargateServiceProps
        {
            Cluster = context.Cluster,
            ServiceName = service.Name,
            TaskDefinition = taskDefinition,
            MinHealthyPercent = 100,
            MaxHealthyPercent = 200,
            AssignPublicIp = false,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            SecurityGroups = new ISecurityGroup[] { SecurityGroup },
            CircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
            // A release that answers with errors or fails its health checks is rolled back as one that crashes is.
            DeploymentAlarms = behindLoadBalancer
                ? new DeploymentAlarmConfig
                {
                    AlarmNames = AlarmNames.DeploymentAlarms(topology.Environment, service.Name),
                    Behavior = AlarmBehavior.ROLLBACK_ON_ALARM,
                }
                : null,
            HealthCheckGracePeriod = Duration.Seconds(60),
            // Service Connect: a service that references this one reaches it as http://{name}:{port}.
            ServiceConnectConfiguration = new ServiceConnectProps
            {
                Services = new IServiceConnectService[]
                {
                    new ServiceConnectService { PortMappingName = PortName, DnsName = service.Name, Port = service.ContainerPort },
                },
            },
        });

        var scaling = Service.AutoScaleTaskCount(new EnableScalingProps
        {
            MinCapacity = parameters.MinTaskCount.ValueAsNumber,
            MaxCapacity = parameters.MaxTaskCount.ValueAsNumber,
        });
        scaling.ScaleOnCpuUtilization("Cpu", new CpuUtilizationScalingProps { TargetUtilizationPercent = TargetCpuPercent });
    }

    public AwsService Model { get; }

    public ServiceParameters Parameters { get; }

    public SecurityGroup SecurityGroup { get; }

    public Role TaskRole { get; }

    public ContainerDefinition Container { get; }

    /// <summary>The OpenTelemetry collector beside the service.</summary>
    public ContainerDefinition Collector { get; }

    /// <summary>The service's log group (its own and its collector's output).</summary>
    public LogGroup LogGroup { get; }

    public FargateService Service { get; }

    /// <summary>
    /// What the collector may do with the task's role: send trace segments to X-Ray (whose actions take no resource
    /// narrower than <c>*</c>) and write EMF log events to the metrics log group only. EMF goes through CloudWatch
    /// Logs, not <c>PutMetricData</c>, so the <c>cloudwatch:namespace</c> condition has nothing to apply to; the log group
    /// is the boundary, and its metrics land only in <see cref="CollectorConfiguration.Namespace"/>.
    /// </summary>
    private static void GrantTelemetry(Role role, OperationsFoundation operations)
    {
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "SendTracesToXRay",
            Actions = new[] { "xray:PutTraceSegments", "xray:PutTelemetryRecords" },
            Resources = new[] { "*" },
        }));
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "WriteMetricsAsEmf",
            Actions = new[] { "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams" },
            Resources = new[] { operations.MetricsLogGroupArn, $"{operations.MetricsLogGroupArn}:log-stream:*" },
        }));
    }

    /// <summary>A target group of this service's tasks for the load balancer, probed on the liveness path, without stickiness.</summary>
    public ApplicationTargetGroup CreateTargetGroup(IVpc vpc)
    {
        var group = new ApplicationTargetGroup(this, "Targets", new ApplicationTargetGroupProps
        {
            Vpc = vpc,
            Port = Model.ContainerPort,
            Protocol = ApplicationProtocol.HTTP,
            TargetType = TargetType.IP,
            DeregistrationDelay = Duration.Seconds(30),
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Path = Model.LivenessPath,
                HealthyHttpCodes = "200",
                Interval = Duration.Seconds(15),
                Timeout = Duration.Seconds(5),
                HealthyThresholdCount = 2,
                UnhealthyThresholdCount = 3,
            },
            Targets = new IApplicationLoadBalancerTarget[]
            {
                Service.LoadBalancerTarget(new LoadBalancerTargetOptions { ContainerName = Model.Name, ContainerPort = Model.ContainerPort }),
            },
        });
        group.SetAttribute("stickiness.enabled", "false");
        return group;
    }
}
