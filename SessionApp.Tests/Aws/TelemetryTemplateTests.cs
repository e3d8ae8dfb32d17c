using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SessionApp.Aws.Stack;
using SessionApp.Aws.Stack.Operations;

namespace SessionApp.Tests.Aws;

/// <summary>
/// Telemetry leaves the tasks: a pinned OpenTelemetry collector beside every service, the services pointed at it on
/// loopback, traces to X-Ray and metrics to the <c>SessionApp</c> namespace with bounded dimensions, the least the
/// collector needs in IAM, and encrypted log groups.
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed class TelemetryTemplateTests(SynthesizedStackFixture stack)
{
    private static readonly string[] Services = ["api", "web"];

    /// <summary>The attributes a kept metric may carry besides environment and service: each has a handful of values.</summary>
    private static readonly string[] BoundedAttributes = ["result", "reason", "error.type", "http.response.status_code"];

    private static IEnumerable<(JsonObject Service, JsonObject Collector)> Tasks(SynthesizedStackFixture template) =>
        template.Resources("AWS::ECS::TaskDefinition").Values.Select(task =>
        {
            var containers = task["Properties"]!["ContainerDefinitions"]!.AsArray().Select(c => c!.AsObject()).ToList();
            return (containers.Single(c => (string)c["Name"]! != FargateApp.CollectorContainerName), containers.Single(c => (string)c["Name"]! == FargateApp.CollectorContainerName));
        });

    private static Dictionary<string, JsonNode?> Environment(JsonObject container) =>
        container["Environment"]!.AsArray().ToDictionary(e => (string)e!["Name"]!, e => e!["Value"]);

    private static JsonObject Configuration(JsonObject collector) =>
        JsonNode.Parse((string)Environment(collector)[FargateApp.CollectorConfigVariable]!)!.AsObject();

    /// <summary>The string parts of a template value, joined (an <c>Fn::Join</c>'s literal text with its references left out).</summary>
    private static string Flat(JsonNode? node) => string.Concat(TemplateJson.Strings(node).Select(s => s.Value));

    /// <summary>CloudFormation's AllowedPattern must match the whole value.</summary>
    private static bool Allowed(string pattern, string value) => Regex.IsMatch(value, $"^(?:{pattern})$");

    [Fact]
    public void EveryTask_RunsThePinnedCollectorBesideItsService_NotEssential()
    {
        // Arrange
        var parameter = stack.Document["Parameters"]!["CollectorImage"]!;

        // Act
        var tasks = Tasks(stack).ToList();

        // Assert
        Assert.Equal(Services, tasks.Select(t => (string)t.Service["Name"]!).Order());
        Assert.All(tasks, t =>
        {
            Assert.Equal("CollectorImage", TemplateJson.Target(t.Collector["Image"]));
            Assert.False((bool)t.Collector["Essential"]!);
            Assert.Equal(["CMD", "/healthcheck"], t.Collector["HealthCheck"]!["Command"]!.AsArray().Select(c => (string)c!));
            Assert.Equal(FargateApp.CollectorContainerName, (string)t.Service["DependsOn"]![0]!["ContainerName"]!);
        });
        Assert.Equal(StackParameters.DefaultCollectorImage, (string)parameter["Default"]!);
        var pattern = (string)parameter["AllowedPattern"]!;
        Assert.True(Allowed(pattern, StackParameters.DefaultCollectorImage));
        Assert.True(Allowed(pattern, "public.ecr.aws/aws-observability/aws-otel-collector@sha256:" + new string('a', 64)));
        Assert.False(Allowed(pattern, "public.ecr.aws/aws-observability/aws-otel-collector:latest"));
        Assert.False(Allowed(pattern, "public.ecr.aws/aws-observability/aws-otel-collector"));
    }

    [Fact]
    public void Services_SendOtlpToTheCollectorsLoopbackReceiver_NamedByEnvironmentAndService()
    {
        foreach (var template in stack.Environments)
        {
            // Arrange
            var environmentName = template == stack ? "production" : "staging";

            foreach (var (service, collector) in Tasks(template))
            {
                // Act
                var variables = Environment(service);
                var receiver = (string)Configuration(collector)["receivers"]!["otlp"]!["protocols"]!["grpc"]!["endpoint"]!;

                // Assert
                var endpoint = new Uri((string)variables["OTEL_EXPORTER_OTLP_ENDPOINT"]!);
                Assert.Equal(("localhost", "127.0.0.1:4317"), (endpoint.Host, receiver));
                Assert.Equal(endpoint.Port, int.Parse(receiver.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal("grpc", (string)variables["OTEL_EXPORTER_OTLP_PROTOCOL"]!);
                Assert.Equal((string)service["Name"]!, (string)variables["OTEL_SERVICE_NAME"]!);
                Assert.Equal($"deployment.environment.name={environmentName}", (string)variables["OTEL_RESOURCE_ATTRIBUTES"]!);
                Assert.Equal("base2_exponential_bucket_histogram", (string)variables[CollectorConfiguration.HistogramAggregationVariable]!);
                Assert.Equal("parentbased_traceidratio", (string)variables["OTEL_TRACES_SAMPLER"]!);
                Assert.Equal("TraceSampleRatio", TemplateJson.Target(variables["OTEL_TRACES_SAMPLER_ARG"]));
            }
        }

        Assert.Equal(0.1, (double)stack.Document["Parameters"]!["TraceSampleRatio"]!["Default"]!);
        Assert.Equal(1.0, (double)stack.Staging.Document["Parameters"]!["TraceSampleRatio"]!["Default"]!);
    }

    [Fact]
    public void Collector_SendsTracesToXRayAndMetricsAsEmfToTheSessionAppNamespace_InTheMetricsLogGroup()
    {
        // Arrange
        var metricsLogGroup = stack.Resources("AWS::Logs::LogGroup").Values
            .Select(g => (string)g["Properties"]!["LogGroupName"]!)
            .Single(name => name.EndsWith("/metrics", StringComparison.Ordinal));

        // Act
        var configurations = Tasks(stack).Select(t => Configuration(t.Collector)).ToList();

        // Assert
        Assert.Equal("/sessionapp/production/metrics", metricsLogGroup);
        Assert.All(configurations, config =>
        {
            var emf = config["exporters"]!["awsemf"]!;
            Assert.Equal(("SessionApp", metricsLogGroup), ((string)emf["namespace"]!, (string)emf["log_group_name"]!));
            Assert.Equal("NoDimensionRollup", (string)emf["dimension_rollup_option"]!);
            Assert.True((bool)emf["resource_to_telemetry_conversion"]!["enabled"]!);
            Assert.NotNull(config["exporters"]!["awsxray"]);
            var pipelines = config["service"]!["pipelines"]!;
            Assert.Equal(["awsxray"], pipelines["traces"]!["exporters"]!.AsArray().Select(e => (string)e!));
            Assert.Equal(["awsemf"], pipelines["metrics"]!["exporters"]!.AsArray().Select(e => (string)e!));
            Assert.All(new[] { pipelines["traces"]!, pipelines["metrics"]! }, p =>
            {
                Assert.Equal(["otlp"], p["receivers"]!.AsArray().Select(r => (string)r!));
                Assert.Equal("memory_limiter", (string)p["processors"]![0]!);
            });
        });
    }

    [Fact]
    public void MetricDeclarations_KeepEnvironmentAndServiceAndOnlyBoundedAttributes_NeverAUserOrSession()
    {
        // Arrange
        var config = Configuration(Tasks(stack).First().Collector);

        // Act
        var declarations = config["exporters"]!["awsemf"]!["metric_declarations"]!.AsArray();
        var dimensionSets = declarations.SelectMany(d => d!["dimensions"]!.AsArray().Select(set => set!.AsArray().Select(n => (string)n!).ToList())).ToList();
        var copied = config["processors"]!["resource"]!["attributes"]!.AsArray()
            .ToDictionary(a => (string)a!["key"]!, a => ((string)a!["from_attribute"]!, (string)a!["action"]!));

        // Assert
        Assert.NotEmpty(dimensionSets);
        Assert.All(dimensionSets, set =>
        {
            Assert.Equal(["environment", "service"], set.Take(2));
            Assert.All(set.Skip(2), extra => Assert.Contains(extra, BoundedAttributes));
        });
        Assert.Equal(("deployment.environment.name", "insert"), copied["environment"]);
        Assert.Equal(("service.name", "insert"), copied["service"]);
        var selectors = declarations.SelectMany(d => d!["metric_name_selectors"]!.AsArray().Select(s => (string)s!)).ToList();
        Assert.Contains(selectors, s => Regex.IsMatch("sessionapp.sessions.loads", s));
        Assert.Contains(selectors, s => Regex.IsMatch("http.server.request.duration", s));
        // Nothing else (the runtime's, the HTTP client's, Kestrel's) becomes a CloudWatch metric.
        Assert.DoesNotContain(selectors, s => Regex.IsMatch("process.runtime.dotnet.gc.collections.count", s) || Regex.IsMatch("http.client.request.duration", s));
    }

    [Fact]
    public void TaskRoles_MaySendTracesAndWriteOnlyTheMetricsLogGroup()
    {
        // Arrange
        var taskRoles = stack.Resources("AWS::ECS::TaskDefinition").Values.Select(t => TemplateJson.Target(t["Properties"]!["TaskRoleArn"])).ToHashSet();

        // Act
        var statements = stack.Resources("AWS::IAM::Policy").Values
            .Where(p => TemplateJson.AsList(p["Properties"]!["Roles"]).Select(TemplateJson.Target).Any(taskRoles.Contains))
            .SelectMany(p => p["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .ToList();
        var traces = statements.Where(s => (string?)s!["Sid"] == "SendTracesToXRay").ToList();
        var metrics = statements.Where(s => (string?)s!["Sid"] == "WriteMetricsAsEmf").ToList();

        // Assert: X-Ray's actions take no narrower resource than "*"; the metrics go only to the one log group.
        Assert.Equal(taskRoles.Count, traces.Count);
        Assert.All(traces, s => Assert.Equal(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], s!["Action"]!.AsArray().Select(a => (string)a!)));
        Assert.Equal(taskRoles.Count, metrics.Count);
        Assert.All(metrics, s =>
        {
            Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], s!["Action"]!.AsArray().Select(a => (string)a!));
            var resources = s["Resource"]!.AsArray().Select(r => Flat(r)).ToList();
            Assert.Equal(2, resources.Count);
            Assert.All(resources, r => Assert.Contains(":log-group:/sessionapp/production/metrics", r, StringComparison.Ordinal));
            Assert.EndsWith(":log-stream:*", resources[1], StringComparison.Ordinal);
        });
        Assert.DoesNotContain(statements, s => s!["Action"]!.ToJsonString().Contains("cloudwatch:", StringComparison.Ordinal));
    }

    [Fact]
    public void LogGroups_AreEncryptedWithTheOperationsKey_WhosePolicyLetsCloudWatchLogsUseItForThisEnvironmentsGroupsOnly()
    {
        foreach (var template in stack.Environments)
        {
            // Arrange
            var key = template.Resources("AWS::KMS::Key").Single(k => ((string)k.Value["Properties"]!["Description"]!).Contains("log groups", StringComparison.Ordinal));
            var environmentName = template == stack ? "production" : "staging";

            // Act
            var groups = template.Resources("AWS::Logs::LogGroup").Values.Select(g => g["Properties"]!).ToList();
            var logsStatement = key.Value["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray().Single(s => (string?)s!["Sid"] == "CloudWatchLogsOfThisStack")!;

            // Assert
            Assert.Equal(Services.Length + 1, groups.Count);
            Assert.All(groups, g => Assert.Equal(key.Key, TemplateJson.Target(g["KmsKeyId"])));
            Assert.All(groups, g => Assert.StartsWith($"/sessionapp/{environmentName}/", (string)g["LogGroupName"]!, StringComparison.Ordinal));
            Assert.True((bool)key.Value["Properties"]!["EnableKeyRotation"]!);
            Assert.StartsWith("logs.", Flat(logsStatement["Principal"]!["Service"]), StringComparison.Ordinal);
            var scope = Flat(logsStatement["Condition"]!["ArnLike"]!["kms:EncryptionContext:aws:logs:arn"]);
            Assert.EndsWith($":log-group:/sessionapp/{environmentName}/*", scope, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Cluster_HasContainerInsights()
    {
        // Arrange
        var cluster = stack.Resources("AWS::ECS::Cluster").Single().Value;

        // Act
        var settings = cluster["Properties"]!["ClusterSettings"]!.AsArray();

        // Assert
        Assert.Contains(settings, s => (string)s!["Name"]! == "containerInsights" && (string)s["Value"]! == "enabled");
    }
}
