using System.Text.Json.Nodes;

namespace SessionApp.Tests.Aws;

/// <summary>The gateway as the ALB: HTTPS with the certificate parameter, HTTP redirected, /api/* to the API, the rest to the web front end.</summary>
[Collection(AwsStackGroup.Name)]
public sealed class LoadBalancerTemplateTests(SynthesizedStackFixture stack)
{
    private string TargetGroupOf(string service) =>
        TemplateJson.Target(stack.Resources("AWS::ECS::Service").Values.Select(s => s["Properties"]!)
            .Single(p => (string)p["ServiceName"]! == service)["LoadBalancers"]![0]!["TargetGroupArn"])!;

    [Fact]
    public void HttpsListener_PresentsTheCertificateParameterAndForwardsTheRestToWeb()
    {
        // Arrange
        var template = stack.Template;

        // Act
        var https = stack.Resources("AWS::ElasticLoadBalancingV2::Listener").Values.Select(l => l["Properties"]!)
            .Single(p => (int)p["Port"]! == 443);

        // Assert
        Assert.Equal("HTTPS", (string)https["Protocol"]!);
        Assert.Equal("CertificateArn", (string)https["Certificates"]![0]!["CertificateArn"]!["Ref"]!);
        Assert.Equal("forward", (string)https["DefaultActions"]![0]!["Type"]!);
        Assert.Equal(TargetGroupOf("web"), TemplateJson.Target(https["DefaultActions"]![0]!["TargetGroupArn"]));
        template.HasParameter("CertificateArn", new Dictionary<string, object> { ["Type"] = "String" });
    }

    [Fact]
    public void HttpListener_RedirectsPermanentlyToHttps()
    {
        // Arrange
        var template = stack.Template;

        // Act & Assert
        template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", new Dictionary<string, object>
        {
            ["Port"] = 80,
            ["Protocol"] = "HTTP",
            ["DefaultActions"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["Type"] = "redirect",
                    ["RedirectConfig"] = new Dictionary<string, object> { ["Protocol"] = "HTTPS", ["Port"] = "443", ["StatusCode"] = "HTTP_301" },
                },
            },
        });
        Assert.Equal(2, stack.Resources("AWS::ElasticLoadBalancingV2::Listener").Count);
    }

    [Fact]
    public void ApiPaths_GoToTheApiTargetGroup()
    {
        // Arrange
        var https = stack.Resources("AWS::ElasticLoadBalancingV2::Listener").Single(l => (int)l.Value["Properties"]!["Port"]! == 443).Key;

        // Act
        var rule = Assert.Single(stack.Resources("AWS::ElasticLoadBalancingV2::ListenerRule")).Value["Properties"]!;

        // Assert
        Assert.Equal(https, TemplateJson.Target(rule["ListenerArn"]));
        Assert.Equal("path-pattern", (string)rule["Conditions"]![0]!["Field"]!);
        Assert.Equal("/api/*", (string)rule["Conditions"]![0]!["PathPatternConfig"]!["Values"]![0]!);
        Assert.Equal(TargetGroupOf("api"), TemplateJson.Target(rule["Actions"]![0]!["TargetGroupArn"]));
    }

    [Fact]
    public void TargetGroups_ProbeHealthWithoutStickiness()
    {
        // Arrange
        var groups = stack.Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Values.Select(g => g["Properties"]!).ToList();

        // Act
        var attributes = groups.Select(g => g["TargetGroupAttributes"]!.AsArray()
            .ToDictionary(a => (string)a!["Key"]!, a => (string)a!["Value"]!)).ToList();

        // Assert
        Assert.Equal(2, groups.Count);
        Assert.All(groups, g =>
        {
            // Liveness, not readiness: the readiness path fails on every task at once while MemoryDB fails over, and ECS
            // replaces the tasks its target group calls unhealthy (HealthSplitTests plays this out).
            Assert.Equal("/alive", (string)g["HealthCheckPath"]!);
            Assert.Equal("ip", (string)g["TargetType"]!);
            Assert.Equal(8080, (int)g["Port"]!);
        });
        Assert.All(attributes, a => Assert.Equal("false", a["stickiness.enabled"]));
    }

    [Fact]
    public void LoadBalancerSecurityGroup_Opens443And80ToAnywhereAndNothingElse()
    {
        // Arrange
        var balancer = Assert.Single(stack.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer")).Value["Properties"]!;
        var groupId = TemplateJson.Target(balancer["SecurityGroups"]![0]);

        // Act
        var ingress = TemplateJson.AsList(stack.Resources("AWS::EC2::SecurityGroup")[groupId!]["Properties"]!["SecurityGroupIngress"]);

        // Assert
        Assert.Equal("internet-facing", (string)balancer["Scheme"]!);
        Assert.Equal([(80, "0.0.0.0/0"), (443, "0.0.0.0/0")], ingress.Select(i => ((int)i!["FromPort"]!, (string)i["CidrIp"]!)).Order());
    }

    [Fact]
    public void Tasks_AcceptTheirPortOnlyFromTheLoadBalancerAndTheServicesThatReferenceThem()
    {
        // Arrange
        var balancerGroup = TemplateJson.Target(stack.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer").Single().Value["Properties"]!["SecurityGroups"]![0]);
        var taskGroups = stack.Resources("AWS::ECS::Service").Values.Select(s => s["Properties"]!)
            .ToDictionary(p => (string)p["ServiceName"]!, p => TemplateJson.Target(p["NetworkConfiguration"]!["AwsvpcConfiguration"]!["SecurityGroups"]![0])!);

        // Act
        var sources = taskGroups.ToDictionary(
            g => g.Key,
            g => stack.Resources("AWS::EC2::SecurityGroupIngress").Values.Select(r => r["Properties"]!)
                .Where(r => TemplateJson.Target(r["GroupId"]) == g.Value)
                .Select(r => (Port: (int)r["FromPort"]!, ToPort: (int)r["ToPort"]!, Source: TemplateJson.Target(r["SourceSecurityGroupId"])))
                .ToList());

        // Assert
        Assert.All(taskGroups.Values, g => Assert.Null(stack.Resources("AWS::EC2::SecurityGroup")[g]["Properties"]!["SecurityGroupIngress"]));
        Assert.Equal([(8080, 8080, balancerGroup)], sources["web"]);
        Assert.Equal([(8080, 8080, balancerGroup), (8080, 8080, taskGroups["web"])], sources["api"].OrderBy(s => s.Source == balancerGroup ? 0 : 1));
    }

    [Fact]
    public void Outputs_NameTheLoadBalancersDnsName()
    {
        // Arrange
        var outputs = stack.Document["Outputs"]!.AsObject();

        // Act
        var dns = outputs["LoadBalancerDnsName"]!["Value"]!;

        // Assert
        Assert.Equal(stack.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer").Single().Key, TemplateJson.Target(dns));
        Assert.IsType<JsonObject>(outputs["ParameterPath"]);
    }
}
