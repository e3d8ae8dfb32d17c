using SessionApp.Aws;

namespace SessionApp.Tests.Aws;

/// <summary>The template follows the topology: nothing about it is written twice.</summary>
[Collection(AwsStackGroup.Name)]
public sealed class TopologyTests(SynthesizedStackFixture stack) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sessionapp-cdk-").FullName;

    [Fact]
    public void AddingAServiceToTheTopology_AddsAnEcsServiceToTheTemplate()
    {
        // Arrange
        var topology = TestTopologies.SessionApp(new AwsService("worker", 2, 8080, "/alive", ["sessions"]));
        var before = stack.Resources("AWS::ECS::Service").Count;

        // Act
        var result = AwsStackSynthesizer.Synthesize(topology, _directory);
        var template = SynthesizedStackFixture.Load(result.TemplatePath);

        // Assert
        var services = template.Resources("AWS::ECS::Service").Values.Select(s => (string)s["Properties"]!["ServiceName"]!).Order().ToList();
        Assert.Equal(before + 1, services.Count);
        Assert.Equal(["api", "web", "worker"], services);
        // One per service and the collectors' metrics log group.
        Assert.Equal(4, template.Resources("AWS::Logs::LogGroup").Count);
        Assert.Equal(3, template.Resources("AWS::EC2::SecurityGroupIngress").Values.Count(r => (int)r["Properties"]!["FromPort"]! == 6379));
        Assert.Contains("WorkerImageRepository", result.ParameterNames);
        Assert.Contains(result.Summary, line => line.StartsWith("service 'worker' → ECS Fargate", StringComparison.Ordinal));
    }

    [Fact]
    public void Summary_NamesEveryServiceRouteTheStoreAndTheSecrets()
    {
        // Arrange
        var result = stack.Result;

        // Act
        var summary = string.Join('\n', result.Summary);

        // Assert
        Assert.Equal("SessionApp-production", result.StackName);
        Assert.Contains("stack SessionApp-production (production preset, termination protection)", summary, StringComparison.Ordinal);
        Assert.Contains("service 'api' → ECS Fargate, 2–10 tasks of 512 CPU / 1024 MiB", summary, StringComparison.Ordinal);
        Assert.Contains("service 'web' → ECS Fargate, 3–10 tasks", summary, StringComparison.Ordinal);
        Assert.Contains("load balancer and container health /alive", summary, StringComparison.Ordinal);
        Assert.Contains("route /api/* → api", summary, StringComparison.Ordinal);
        Assert.Contains("route /* → web", summary, StringComparison.Ordinal);
        Assert.Contains("store 'sessions' → MemoryDB db.r6g.large, 2 shard(s) × 1 replica", summary, StringComparison.Ordinal);
        Assert.Contains("secrets → Secrets Manager, generated at deploy time, named in SSM: sessionapp/production/memorydb-password, sessionapp/production/user-hash-key, sessionapp/production/oidc-client-secret", summary, StringComparison.Ordinal);
        Assert.Contains("sign-in → Cognito user pool sessionapp-production (MFA OPTIONAL, threat protection ENFORCED, deletion protection)", summary, StringComparison.Ordinal);
        Assert.Contains("operations → an OpenTelemetry collector beside every task (parameter CollectorImage, default public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3): traces → X-Ray (0.1 of requests", summary, StringComparison.Ordinal);
        Assert.Contains("dashboard SessionApp-production; 16 alarms → SNS topic sessionapp-production-alarms", summary, StringComparison.Ordinal);
        Assert.Equal(
            ["CertificateArn", "SiteUrl", "ImageTag", "MemoryDbNodeType", "MemoryDbShards", "MemoryDbReplicasPerShard", "CognitoMfa", "CognitoThreatProtection",
             "CollectorImage", "AlarmEmail", "TraceSampleRatio",
             "ApiImageRepository", "ApiCpu", "ApiMemory", "ApiMinTasks", "ApiMaxTasks",
             "WebImageRepository", "WebCpu", "WebMemory", "WebMinTasks", "WebMaxTasks"],
            result.ParameterNames);
    }

    [Fact]
    public void Synthesize_TopologyWithoutADefaultRouteAndWithAnUnknownReference_FailsNamingBoth()
    {
        // Arrange
        var topology = TestTopologies.SessionApp() with { Routes = [new AwsRoute("/api/*", "api")] };
        topology = topology with { Services = [.. topology.Services, new AwsService("worker", 2, 8080, "/alive", ["queue"])] };

        // Act
        var error = Assert.Throws<ArgumentException>(() => AwsStackSynthesizer.Synthesize(topology, _directory));

        // Assert
        Assert.Contains("exactly one '/*' route", error.Message, StringComparison.Ordinal);
        Assert.Contains("'worker' references 'queue'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/{**catch-all}", "/api/*")]
    [InlineData("/{**catch-all}", "/*")]
    [InlineData("/health", "/health")]
    public void FromRouteTemplate_TurnsAGatewayRouteIntoAnAlbPathPattern(string template, string expected)
    {
        // Arrange & Act
        var route = AwsRoute.FromRouteTemplate(template, "web");

        // Assert
        Assert.Equal(expected, route.PathPattern);
    }

    [Fact]
    public void JsiiTemporaryFolders_AfterSynthesis_AreDeletedOnce()
    {
        // Arrange: the shared fixture has synthesized, so jsii has unpacked its runtime and bundles in this process.
        Assert.NotNull(stack.Result);

        // Act
        var deleted = JsiiTemporaryFolders.DeleteThoseOfThisProcess();
        var left = JsiiTemporaryFolders.DeleteThoseOfThisProcess();

        // Assert
        Assert.Equal(2, deleted);
        Assert.Equal(0, left);
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
