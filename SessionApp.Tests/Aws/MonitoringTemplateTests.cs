using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SessionApp.Aws;
using SessionApp.Aws.Stack;
using SessionApp.Aws.Stack.Operations;
using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Sessions.Telemetry;

namespace SessionApp.Tests.Aws;

/// <summary>
/// Operators see and are alerted: every alarm with its metric, threshold, missing-data rule and notification; the
/// deployment alarms that roll a bad release back; the dashboard's rows; the audit counts from the JSON logs; the load
/// balancer's access logs; and all of it following the model when a service is added.
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed class MonitoringTemplateTests(SynthesizedStackFixture stack) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sessionapp-cdk-").FullName;

    /// <summary>Every alarm of production: name → (metric or query, comparison, threshold, datapoints of periods, missing data).</summary>
    public static TheoryData<string, string, string, double, string, string> ExpectedAlarms() => new()
    {
        { "sessionapp-production-memorydb-memory", "SELECT MAX(DatabaseMemoryUsagePercentage) FROM SCHEMA(\"AWS/MemoryDB\", ClusterName, NodeName) WHERE ClusterName = 'sessionapp-production'", "GreaterThanThreshold", 80, "3/3", "missing" },
        { "sessionapp-production-memorydb-evictions", "SELECT SUM(Evictions)", "GreaterThanThreshold", 0, "1/1", "notBreaching" },
        { "sessionapp-production-memorydb-authentication-failures", "SELECT SUM(AuthenticationFailures)", "GreaterThanThreshold", 0, "1/1", "notBreaching" },
        { "sessionapp-production-memorydb-command-authorization-failures", "SELECT SUM(CommandAuthorizationFailures)", "GreaterThanThreshold", 0, "1/1", "notBreaching" },
        { "sessionapp-production-memorydb-engine-cpu", "SELECT MAX(EngineCPUUtilization)", "GreaterThanThreshold", 90, "5/5", "missing" },
        { "sessionapp-production-memorydb-replication-lag", "SELECT MAX(ReplicationLag)", "GreaterThanThreshold", 1, "5/5", "notBreaching" },
        { "sessionapp-production-api-target-5xx-rate", "100 * FILL(errors, 0) / requests", "GreaterThanThreshold", 5, "2/3", "notBreaching" },
        { "sessionapp-production-web-target-5xx-rate", "100 * FILL(errors, 0) / requests", "GreaterThanThreshold", 5, "2/3", "notBreaching" },
        { "sessionapp-production-api-p99-latency", "TargetResponseTime p99", "GreaterThanThreshold", 1, "5/5", "notBreaching" },
        { "sessionapp-production-web-p99-latency", "TargetResponseTime p99", "GreaterThanThreshold", 1, "5/5", "notBreaching" },
        { "sessionapp-production-api-unhealthy-hosts", "UnHealthyHostCount Maximum", "GreaterThanOrEqualToThreshold", 1, "3/3", "notBreaching" },
        { "sessionapp-production-web-unhealthy-hosts", "UnHealthyHostCount Maximum", "GreaterThanOrEqualToThreshold", 1, "3/3", "notBreaching" },
        { "sessionapp-production-api-running-below-desired", "desired - running", "GreaterThanThreshold", 0, "5/5", "notBreaching" },
        { "sessionapp-production-web-running-below-desired", "desired - running", "GreaterThanThreshold", 0, "5/5", "notBreaching" },
        { "sessionapp-production-api-store-unavailable-rate", "100 * FILL(refused, 0) / requests", "GreaterThanThreshold", 1, "3/5", "notBreaching" },
        { "sessionapp-production-web-store-unavailable-rate", "100 * FILL(refused, 0) / requests", "GreaterThanThreshold", 1, "3/5", "notBreaching" },
    };

    private static Dictionary<string, JsonObject> Alarms(SynthesizedStackFixture template) =>
        template.Resources("AWS::CloudWatch::Alarm").Values.ToDictionary(a => (string)a["Properties"]!["AlarmName"]!, a => a["Properties"]!.AsObject());

    /// <summary>What an alarm watches, as one line: its Metrics Insights query or math expression, or its metric and statistic.</summary>
    private static string Watched(JsonObject alarm)
    {
        if (alarm["Metrics"] is not JsonArray metrics)
        {
            return $"{(string)alarm["MetricName"]!} {(string?)alarm["ExtendedStatistic"] ?? (string)alarm["Statistic"]!}";
        }

        var returned = metrics.Single(m => m!["ReturnData"] is null || (bool)m["ReturnData"]!)!;
        return returned["MetricStat"] is { } stat
            ? $"{(string)stat["Metric"]!["MetricName"]!} {(string)stat["Stat"]!}"
            : (string)returned["Expression"]!;
    }

    /// <summary>The string parts of a template value, joined (an <c>Fn::Join</c>'s literal text with its references left out).</summary>
    private static string Flat(JsonNode? node) => string.Concat(TemplateJson.Strings(node).Select(s => s.Value));

    [Theory]
    [MemberData(nameof(ExpectedAlarms))]
    public void Alarm_WatchesItsMetricWithItsThreshold_AndNotifiesTheTopicWhenItFiresAndClears(string name, string watched, string comparison, double threshold, string datapoints, string missing)
    {
        // Arrange
        var topic = stack.Resources("AWS::SNS::Topic").Single().Key;

        // Act
        var alarm = Alarms(stack)[name];

        // Assert
        Assert.StartsWith(watched, Watched(alarm), StringComparison.Ordinal);
        Assert.Equal((comparison, threshold), ((string)alarm["ComparisonOperator"]!, (double)alarm["Threshold"]!));
        Assert.Equal(datapoints, $"{(int)alarm["DatapointsToAlarm"]!}/{(int)alarm["EvaluationPeriods"]!}");
        Assert.Equal(missing, (string)alarm["TreatMissingData"]!);
        Assert.Equal(topic, TemplateJson.Target(alarm["AlarmActions"]![0]));
        Assert.Equal(topic, TemplateJson.Target(alarm["OKActions"]![0]));
        Assert.False(string.IsNullOrWhiteSpace((string?)alarm["AlarmDescription"]));
    }

    [Fact]
    public void Alarms_AreExactlyTheExpectedOnes_InEveryEnvironment()
    {
        // Arrange
        var expected = ExpectedAlarms().Select(row => (string)row.Data.Item1).Order().ToList();

        // Act
        var production = Alarms(stack).Keys.Order().ToList();
        var staging = Alarms(stack.Staging).Keys.Order().ToList();

        // Assert
        Assert.Equal(expected, production);
        Assert.Equal(expected.Select(n => n.Replace("-production-", "-staging-", StringComparison.Ordinal)).Order(), staging);
        Assert.Contains("ClusterName = 'sessionapp-staging'", Flat(Alarms(stack.Staging)["sessionapp-staging-memorydb-memory"]["Metrics"]), StringComparison.Ordinal);
    }

    [Fact]
    public void EngineAlarmsAndGraphs_ReadMetricsTheEngineAndAspNetCoreReallyRecord()
    {
        // Arrange: the engine's instrument names, read from its meter's fields.
        var instruments = typeof(SessionTelemetry).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Select(f => f.GetValue(null))
            .OfType<System.Diagnostics.Metrics.Instrument>()
            .Select(i => i.Name)
            .Append("http.server.request.duration")
            .ToHashSet();

        // Act: every metric name of the SessionApp namespace the template reads (alarms and the dashboard's body).
        var json = stack.Json;
        var read = Regex.Matches(json, @"(sessionapp\.sessions\.[a-z_.]*[a-z]|http\.server\.[a-z_.]*[a-z])")
            .Select(m => m.Value)
            .ToHashSet();

        // Assert
        Assert.Contains("sessionapp.sessions.unavailable", read);
        Assert.Contains("sessionapp.sessions.loads", read);
        Assert.Contains("sessionapp.sessions.commit.duration", read);
        Assert.All(read, name => Assert.Contains(name, instruments));
    }

    [Fact]
    public void ServicesBehindTheLoadBalancer_RollBackADeploymentOnTheirErrorAndHealthAlarms()
    {
        // Arrange
        var alarms = Alarms(stack);

        // Act
        var services = stack.Resources("AWS::ECS::Service").Values.Select(s => s["Properties"]!).ToList();

        // Assert
        Assert.Equal(2, services.Count);
        Assert.All(services, s =>
        {
            var name = (string)s["ServiceName"]!;
            var deployment = s["DeploymentConfiguration"]!;
            Assert.True((bool)deployment["DeploymentCircuitBreaker"]!["Rollback"]!);
            var onAlarm = deployment["Alarms"]!;
            Assert.True((bool)onAlarm["Enable"]! && (bool)onAlarm["Rollback"]!);
            var names = onAlarm["AlarmNames"]!.AsArray().Select(n => (string)n!).ToList();
            Assert.Equal([$"sessionapp-production-{name}-target-5xx-rate", $"sessionapp-production-{name}-unhealthy-hosts"], names);
            Assert.All(names, n => Assert.True(alarms.ContainsKey(n), $"{n} is named by the service but no alarm has that name"));
        });
    }

    [Fact]
    public void AlarmTopic_IsEncrypted_AndTheEmailSubscriptionExistsOnlyWhenAnAddressIsGiven()
    {
        // Arrange
        var topic = stack.Resources("AWS::SNS::Topic").Single();
        var subscription = stack.Resources("AWS::SNS::Subscription").Single().Value;
        var parameter = stack.Document["Parameters"]!["AlarmEmail"]!;
        var pattern = (string)parameter["AllowedPattern"]!;

        // Act
        var condition = stack.Document["Conditions"]![(string)subscription["Condition"]!]!.ToJsonString();

        // Assert
        Assert.Equal("sessionapp-production-alarms", (string)topic.Value["Properties"]!["TopicName"]!);
        Assert.NotNull(TemplateJson.Target(topic.Value["Properties"]!["KmsMasterKeyId"]));
        Assert.Equal("email", (string)subscription["Properties"]!["Protocol"]!);
        Assert.Equal("AlarmEmail", TemplateJson.Target(subscription["Properties"]!["Endpoint"]));
        Assert.Contains("Fn::Not", condition, StringComparison.Ordinal);
        Assert.Contains("{\"Ref\":\"AlarmEmail\"}", condition, StringComparison.Ordinal);
        Assert.Equal("", (string)parameter["Default"]!);
        Assert.Matches($"^(?:{pattern})$", "");
        Assert.Matches($"^(?:{pattern})$", "on-call@example.com");
        Assert.DoesNotMatch($"^(?:{pattern})$", "on call@example");
        var policy = stack.Resources("AWS::SNS::TopicPolicy").Single().Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
        Assert.Contains(policy, s => s!["Principal"]!["Service"]?.ToString() == "cloudwatch.amazonaws.com" && s["Action"]!.ToString() == "sns:Publish");
    }

    [Fact]
    public void AuditMetricFilters_CountEveryAuditEventOfEveryService_WithThePatternTheJsonLogsMatch()
    {
        // Arrange: the events the services log, read from AuditTrail's own LoggerMessage attributes.
        var logged = typeof(AuditTrail).GetMethods(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(a => (a.EventId, a.EventName!))
            .Order()
            .ToList();

        // Act
        var filters = stack.Resources("AWS::Logs::MetricFilter").Values.Select(f => f["Properties"]!).ToList();

        // Assert
        Assert.Equal(logged, Monitoring.AuditEvents.Order());
        Assert.Equal(2 * logged.Count, filters.Count);
        foreach (var service in new[] { "api", "web" })
        {
            foreach (var (eventId, name) in logged)
            {
                var filter = Assert.Single(filters, f => (string)f["MetricTransformations"]![0]!["MetricName"]! == $"production.{service}.{name}");
                Assert.Equal($"{{ $.Category = \"SessionApp.Audit\" && $.EventId = {eventId} }}", (string)filter["FilterPattern"]!);
                Assert.Equal(("SessionApp/Audit", "1"), ((string)filter["MetricTransformations"]![0]!["MetricNamespace"]!, (string)filter["MetricTransformations"]![0]!["MetricValue"]!));
                var logGroup = stack.Document["Resources"]![TemplateJson.Target(filter["LogGroupName"])!]!["Properties"]!;
                Assert.Equal($"/sessionapp/production/{service}", (string)logGroup["LogGroupName"]!);
            }
        }
    }

    [Fact]
    public void Dashboard_ShowsTheLoadBalancerEcsMemoryDbTheEngineAndSignIn_ForEveryService()
    {
        // Arrange
        var dashboard = stack.Resources("AWS::CloudWatch::Dashboard").Single().Value["Properties"]!;

        // Act
        var body = Flat(dashboard["DashboardBody"]);

        // Assert
        Assert.Equal("SessionApp-production", (string)dashboard["DashboardName"]!);
        string[] titles =
        [
            "Alarms", "Requests per service", "5xx by source", "Target response time p50 / p99 (s)", "Healthy and unhealthy hosts",
            "ECS tasks: running vs desired", "ECS CPU per service (%)", "ECS memory per service (%)",
            "MemoryDB memory used (%)", "MemoryDB engine CPU (%)", "MemoryDB connections", "MemoryDB evictions", "MemoryDB replication lag (s)",
            "MemoryDB authentication failures", "MemoryDB command authorization failures",
            "Session loads by result", "Session commit p99 (s)", "503s for an unavailable store", "Sign-in audit (per 5 minutes)",
        ];
        Assert.All(titles, title => Assert.Contains($"\"title\":\"{title}\"", body, StringComparison.Ordinal));
        foreach (var service in new[] { "api", "web" })
        {
            Assert.Contains($"\"label\":\"{service} p99\"", body, StringComparison.Ordinal);
            Assert.Contains($"\"label\":\"{service} running\"", body, StringComparison.Ordinal);
            Assert.Contains($"\"label\":\"{service} commit p99\"", body, StringComparison.Ordinal);
            Assert.Contains($"[\"SessionApp\",\"sessionapp.sessions.loads\",\"environment\",\"production\",\"result\",\"hit\",\"service\",\"{service}\"", body, StringComparison.Ordinal);
            Assert.Contains($"[\"SessionApp/Audit\",\"production.{service}.SignInFailed\"", body, StringComparison.Ordinal);
        }

        Assert.Contains("GROUP BY NodeName", body, StringComparison.Ordinal);
        Assert.Contains("[\"AWS/ApplicationELB\",\"HTTPCode_ELB_5XX_Count\"", body, StringComparison.Ordinal);
        Assert.Contains("[\"AWS/ApplicationELB\",\"HTTPCode_Target_5XX_Count\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadBalancer_WritesAccessLogsToAnEncryptedPrivateBucketThatExpiresThem()
    {
        // Arrange
        var bucket = stack.Resources("AWS::S3::Bucket").Single();
        var loadBalancer = stack.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer").Single().Value;
        var policy = stack.Resources("AWS::S3::BucketPolicy").Single();

        // Act
        var attributes = loadBalancer["Properties"]!["LoadBalancerAttributes"]!.AsArray().ToDictionary(a => (string)a!["Key"]!, a => a!["Value"]);
        var statements = policy.Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!).ToList();
        var properties = bucket.Value["Properties"]!;

        // Assert
        Assert.Equal("true", (string)attributes["access_logs.s3.enabled"]!);
        Assert.Equal(bucket.Key, TemplateJson.Target(attributes["access_logs.s3.bucket"]));
        Assert.Equal(LoadBalancerAccessLogs.Prefix, (string)attributes["access_logs.s3.prefix"]!);
        Assert.Contains(policy.Key, TemplateJson.AsList(loadBalancer["DependsOn"]).Select(d => (string)d!));
        Assert.Equal("AES256", (string)properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]!);
        Assert.All(["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"], setting =>
            Assert.True((bool)properties["PublicAccessBlockConfiguration"]![setting]!));
        var rule = properties["LifecycleConfiguration"]!["Rules"]![0]!;
        Assert.Equal((LoadBalancerAccessLogs.RetentionDays, "Enabled"), ((int)rule["ExpirationInDays"]!, (string)rule["Status"]!));
        Assert.Contains(statements, s => (string)s["Effect"]! == "Deny" && s["Condition"]!["Bool"]!["aws:SecureTransport"]!.ToString() == "false");
        Assert.Contains(statements, s => s["Principal"]!["Service"]?.ToString() == "logdelivery.elasticloadbalancing.amazonaws.com");
        var account = statements.Single(s => (string?)s["Sid"] == "ElbAccountWritesAccessLogs").ToJsonString();
        Assert.Contains("RegionWithElbAccount", account, StringComparison.Ordinal);
        // Elastic Load Balancing's account in us-east-1, as AWS's access log documentation lists it.
        Assert.Equal("127311923021", (string)stack.Document["Mappings"]!.AsObject().Single(m => m.Key.StartsWith("AccessLogsElbAccounts", StringComparison.Ordinal)).Value!["us-east-1"]!["Account"]!);
        Assert.Equal("RetainExceptOnCreate", (string)bucket.Value["DeletionPolicy"]!);
    }

    [Fact]
    public void AddingAServiceToTheModel_GivesItAlarmsDashboardRowsAuditFiltersAndACollector()
    {
        // Arrange
        var topology = TestTopologies.SessionApp(new AwsService("worker", 2, 8080, "/alive", ["sessions"]));

        // Act
        var result = AwsStackSynthesizer.Synthesize(topology, _directory);
        var template = SynthesizedStackFixture.Load(result.TemplatePath);

        // Assert: not behind the load balancer, so no target group alarms; everything else as the others.
        var alarms = Alarms(template).Keys.Where(n => n.Contains("-worker-", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(["sessionapp-production-worker-running-below-desired", "sessionapp-production-worker-store-unavailable-rate"], alarms);
        Assert.Equal(15, template.Resources("AWS::Logs::MetricFilter").Count);
        var body = Flat(template.Resources("AWS::CloudWatch::Dashboard").Single().Value["Properties"]!["DashboardBody"]);
        Assert.Contains("\"label\":\"worker running\"", body, StringComparison.Ordinal);
        Assert.Contains("\"label\":\"worker commit p99\"", body, StringComparison.Ordinal);
        var worker = template.Resources("AWS::ECS::TaskDefinition").Values
            .Single(t => t["Properties"]!["ContainerDefinitions"]!.AsArray().Any(c => (string)c!["Name"]! == "worker"));
        Assert.Contains(worker["Properties"]!["ContainerDefinitions"]!.AsArray(), c => (string)c!["Name"]! == FargateApp.CollectorContainerName);
        var onAlarm = template.Resources("AWS::ECS::Service").Values.Single(s => (string)s["Properties"]!["ServiceName"]! == "worker")["Properties"]!["DeploymentConfiguration"]!["Alarms"];
        Assert.True(onAlarm is null || (!(bool)onAlarm["Enable"]! && onAlarm["AlarmNames"]!.AsArray().Count == 0), onAlarm?.ToJsonString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
