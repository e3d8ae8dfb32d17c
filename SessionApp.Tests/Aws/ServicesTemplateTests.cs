using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace SessionApp.Tests.Aws;

/// <summary>The services in the template: one Fargate service per project resource, private, self-healing, scaling on CPU.</summary>
[Collection(AwsStackGroup.Name)]
public sealed class ServicesTemplateTests(SynthesizedStackFixture stack)
{
    [Fact]
    public void EveryServiceOfTheTopology_IsOneFargateServiceWhoseCountAutoscalingOwns()
    {
        // Arrange
        var names = TestTopologies.SessionApp().Services.Select(s => s.Name).Order();

        // Act
        var services = stack.Environments.Select(e => e.Resources("AWS::ECS::Service").Values.Select(s => s["Properties"]!).ToList()).ToList();

        // Assert: no DesiredCount, so a stack update leaves the count autoscaling chose (CloudFormation omits it from
        // the update) instead of pulling a scaled-out service back.
        Assert.All(services, environment =>
        {
            Assert.Equal(names, environment.Select(p => (string)p["ServiceName"]!).Order());
            Assert.All(environment, p => Assert.Null(p["DesiredCount"]));
        });
    }

    [Fact]
    public void TaskCounts_DefaultToThePresetButNeverBelowTheModelsReplicas()
    {
        // Arrange
        var production = stack.Document["Parameters"]!;
        var staging = stack.Staging.Document["Parameters"]!;

        // Act
        int Default(JsonNode parameters, string name) => (int)parameters[name]!["Default"]!;

        // Assert: the model asks for 2 api and 3 web replicas.
        Assert.Equal((2, 10, 3, 10), (Default(production, "ApiMinTasks"), Default(production, "ApiMaxTasks"), Default(production, "WebMinTasks"), Default(production, "WebMaxTasks")));
        Assert.Equal((2, 4, 3, 4), (Default(staging, "ApiMinTasks"), Default(staging, "ApiMaxTasks"), Default(staging, "WebMinTasks"), Default(staging, "WebMaxTasks")));
        Assert.All(new[] { production, staging }, p => Assert.Equal("Number", (string)p["ApiMinTasks"]!["Type"]!));
    }

    [Fact]
    public void Services_RunOnFargateInPrivateSubnetsWithoutPublicAddresses()
    {
        // Arrange
        var publicSubnets = stack.Resources("AWS::EC2::Subnet")
            .Where(s => s.Value["Properties"]!["MapPublicIpOnLaunch"]?.GetValue<bool>() == true).Select(s => s.Key).ToHashSet();

        // Act
        var networks = stack.Resources("AWS::ECS::Service").Values.Select(s => s["Properties"]!).ToList();

        // Assert
        Assert.All(networks, p =>
        {
            Assert.Equal("FARGATE", (string)p["LaunchType"]!);
            var vpc = p["NetworkConfiguration"]!["AwsvpcConfiguration"]!;
            Assert.Equal("DISABLED", (string)vpc["AssignPublicIp"]!);
            Assert.All(vpc["Subnets"]!.AsArray(), s => Assert.DoesNotContain(TemplateJson.Target(s)!, publicSubnets));
        });
    }

    [Fact]
    public void Services_RollBackAFailedDeploymentThroughTheCircuitBreaker()
    {
        // Arrange
        var template = stack.Template;

        // Act
        var count = stack.Resources("AWS::ECS::Service").Count;

        // Assert
        template.ResourcePropertiesCountIs("AWS::ECS::Service", new Dictionary<string, object>
        {
            ["DeploymentConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["DeploymentCircuitBreaker"] = new Dictionary<string, object> { ["Enable"] = true, ["Rollback"] = true },
                ["MinimumHealthyPercent"] = 100,
            }),
        }, count);
    }

    [Fact]
    public void Autoscaling_KeepsEachServiceBetweenItsTaskCountParametersAt70PercentCpu()
    {
        // Arrange
        var services = stack.Resources("AWS::ECS::Service").Keys.ToHashSet();

        // Act
        var targets = stack.Resources("AWS::ApplicationAutoScaling::ScalableTarget");
        var policies = stack.Resources("AWS::ApplicationAutoScaling::ScalingPolicy").Values.Select(p => p["Properties"]!).ToList();

        // Assert
        Assert.Equal(services.Count, targets.Count);
        Assert.All(targets.Values.Select(t => t["Properties"]!), t =>
        {
            var service = LogicalNames(services).Single(n => ((string)t["MinCapacity"]!["Ref"]!).StartsWith(n, StringComparison.Ordinal));
            Assert.Equal(service + "MinTasks", (string)t["MinCapacity"]!["Ref"]!);
            Assert.Equal(service + "MaxTasks", (string)t["MaxCapacity"]!["Ref"]!);
            Assert.Contains(t["ResourceId"]!["Fn::Join"]![1]!.AsArray(), part => services.Contains(TemplateJson.Target(part) ?? ""));
        });
        Assert.Equal(targets.Count, policies.Count);
        Assert.All(policies, p =>
        {
            var tracking = p["TargetTrackingScalingPolicyConfiguration"]!;
            Assert.Equal(70, (int)tracking["TargetValue"]!);
            Assert.Equal("ECSServiceAverageCPUUtilization", (string)tracking["PredefinedMetricSpecification"]!["PredefinedMetricType"]!);
        });
    }

    /// <summary>The services' logical name parts (<c>Api</c>, <c>Web</c>) from their resources' logical ids.</summary>
    private static IEnumerable<string> LogicalNames(IEnumerable<string> serviceIds) =>
        serviceIds.Select(id => id[..id.IndexOf("Service", StringComparison.Ordinal)]);

    [Fact]
    public void Logs_GoToOneLogGroupPerServiceKeptForThirtyDays()
    {
        // Arrange
        // The services' groups: the collectors' metrics group has its own test (TelemetryTemplateTests).
        var groups = stack.Resources("AWS::Logs::LogGroup").Where(g => !((string)g.Value["Properties"]!["LogGroupName"]!).EndsWith("/metrics", StringComparison.Ordinal)).ToDictionary();

        // Act
        var containers = stack.Resources("AWS::ECS::TaskDefinition").Values
            .Select(t => t["Properties"]!["ContainerDefinitions"]![0]!).ToList();

        // Assert
        Assert.Equal(containers.Count, groups.Count);
        Assert.All(groups.Values, g => Assert.Equal(30, (int)g["Properties"]!["RetentionInDays"]!));
        Assert.All(containers, c =>
        {
            Assert.Equal("awslogs", (string)c["LogConfiguration"]!["LogDriver"]!);
            Assert.Contains(TemplateJson.Target(c["LogConfiguration"]!["Options"]!["awslogs-group"])!, groups.Keys);
        });
        Assert.Equal(["/sessionapp/production/api", "/sessionapp/production/web"], groups.Values.Select(g => (string)g["Properties"]!["LogGroupName"]!).Order());
    }

    [Fact]
    public void Containers_AreHealthCheckedOnTheLivenessPath()
    {
        // Arrange
        var template = stack.Template;

        // Act
        var checks = stack.Resources("AWS::ECS::TaskDefinition").Values
            .Select(t => t["Properties"]!["ContainerDefinitions"]![0]!["HealthCheck"]!["Command"]!.AsArray().Select(c => (string)c!).ToList()).ToList();

        // Assert
        Assert.Equal(2, checks.Count);
        Assert.All(checks, c =>
        {
            Assert.Equal("CMD-SHELL", c[0]);
            Assert.Contains("GET /alive ", c[1], StringComparison.Ordinal);
            Assert.Contains("/dev/tcp/127.0.0.1/8080", c[1], StringComparison.Ordinal);
        });
        template.HasResourceProperties("AWS::ECS::TaskDefinition", new Dictionary<string, object>
        {
            ["RequiresCompatibilities"] = new object[] { "FARGATE" },
            ["NetworkMode"] = "awsvpc",
        });
    }

    [Fact]
    public void TaskCpuMemoryAndImage_ComeFromTemplateParameters()
    {
        // Arrange
        var template = stack.Template;

        // Act
        var api = stack.Resources("AWS::ECS::TaskDefinition").Values.Select(t => t["Properties"]!)
            .Single(p => (string)p["ContainerDefinitions"]![0]!["Name"]! == "api");
        var image = api["ContainerDefinitions"]![0]!["Image"]!["Fn::Join"]![1]!.AsArray().Select(p => (p as JsonObject)?["Ref"]?.ToString()).ToList();

        // Assert
        Assert.Equal("ApiCpu", (string)api["Cpu"]!["Ref"]!);
        Assert.Equal("ApiMemory", (string)api["Memory"]!["Ref"]!);
        Assert.Contains("ApiImageRepository", image);
        Assert.Contains("ImageTag", image);
        template.HasParameter("ApiCpu", new Dictionary<string, object> { ["Type"] = "Number", ["Default"] = "512" });
        stack.Staging.Template.HasParameter("ApiCpu", new Dictionary<string, object> { ["Type"] = "Number", ["Default"] = "256" });
        stack.Staging.Template.HasParameter("ApiMemory", new Dictionary<string, object> { ["Type"] = "Number", ["Default"] = 512 });
        template.HasParameter("ApiImageRepository", new Dictionary<string, object> { ["Default"] = "sessionapp-api" });
        template.HasParameter("ImageTag", new Dictionary<string, object> { ["Type"] = "String" });
    }

    [Fact]
    public void Containers_FindTheirSettingsThroughTheSsmPath()
    {
        // Arrange
        var path = TestTopologies.SessionApp().ParameterPath;

        // Act
        var environments = stack.Resources("AWS::ECS::TaskDefinition").Values
            .Select(t => t["Properties"]!["ContainerDefinitions"]![0]!["Environment"]!.AsArray()
                .Where(e => e!["Value"] is JsonValue)
                .ToDictionary(e => (string)e!["Name"]!, e => (string)e!["Value"]!)).ToList();

        // Assert
        Assert.All(environments, e =>
        {
            Assert.Equal(path, e["Ssm__Path"]);
            Assert.Equal("8080", e["ASPNETCORE_HTTP_PORTS"]);
        });
    }
}
