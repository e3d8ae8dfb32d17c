using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace SessionApp.Tests.Aws;

/// <summary>The services in the template: one Fargate service per project resource, private, self-healing, scaling on CPU.</summary>
[Collection(AwsStackGroup.Name)]
public sealed class ServicesTemplateTests(SynthesizedStackFixture stack)
{
    [Fact]
    public void EveryServiceOfTheTopology_IsOneFargateServiceWithTheModelsReplicas()
    {
        // Arrange
        var expected = TestTopologies.SessionApp().Services.ToDictionary(s => s.Name, s => Math.Max(2, s.Replicas));

        // Act
        var services = stack.Resources("AWS::ECS::Service").Values.Select(s => s["Properties"]!)
            .ToDictionary(p => (string)p["ServiceName"]!, p => (int)p["DesiredCount"]!);

        // Assert
        Assert.Equal(expected, services);
        Assert.Equal(3, services["web"]);
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
    public void Autoscaling_KeepsEachServiceBetweenTwoAndTenTasksAt70PercentCpu()
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
            Assert.Equal(2, (int)t["MinCapacity"]!);
            Assert.Equal(10, (int)t["MaxCapacity"]!);
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

    [Fact]
    public void Logs_GoToOneLogGroupPerServiceKeptForThirtyDays()
    {
        // Arrange
        var groups = stack.Resources("AWS::Logs::LogGroup");

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
        template.HasParameter("ApiCpu", new Dictionary<string, object> { ["Type"] = "Number", ["Default"] = 512 });
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
                .ToDictionary(e => (string)e!["Name"]!, e => (string)e!["Value"]!)).ToList();

        // Assert
        Assert.All(environments, e =>
        {
            Assert.Equal(path, e["Ssm__Path"]);
            Assert.Equal("8080", e["ASPNETCORE_HTTP_PORTS"]);
        });
    }
}
