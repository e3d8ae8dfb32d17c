using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using SessionApp.AppHost.Aws;
using SessionApp.Tests.Containers;

namespace SessionApp.Tests.AppHost;

/// <summary>The AppHost's <c>publish-aws</c> step, run from the real <c>Program.cs</c> as CI runs it.</summary>
[Collection(Aws.AwsStackGroup.Name)]
public sealed class AwsPublishTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_RealAppHost_WritesOneStackWithAServicePerProjectAndPrintsItsSummary()
    {
        // Arrange
        var outputPath = Directory.CreateTempSubdirectory("sessionapp-publish-").FullName;

        // Act
        var run = await ToolRun.RunAsync(
            "dotnet",
            ["run", "--project", Path.Combine(RepositoryRoot.Path, "SessionApp.AppHost"), "-c", "Release", "--no-build", "--",
             "--operation", "publish", "--step", "publish", "--output-path", outputPath, "--environment", "staging"],
            PublishTimeout);

        // Assert
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Error);
        var templatePath = Path.Combine(outputPath, "SessionApp-staging.template.json");
        Assert.True(File.Exists(templatePath), $"the template {templatePath} was written");
        Assert.True(File.Exists(Path.Combine(outputPath, "manifest.json")), "the cloud assembly's manifest was written");
        using var template = JsonDocument.Parse(await File.ReadAllTextAsync(templatePath, Token));
        var resources = template.RootElement.GetProperty("Resources").EnumerateObject().Select(r => r.Value.GetProperty("Type").GetString()).ToArray();
        Assert.Equal(2, resources.Count(type => type == "AWS::ECS::Service"));
        Assert.Single(resources, type => type == "AWS::MemoryDB::Cluster");
        Assert.Single(resources, type => type == "AWS::ElasticLoadBalancingV2::LoadBalancer");
        Assert.Contains("Wrote stack SessionApp-staging", run.Output, StringComparison.Ordinal);
        Assert.Contains("stack SessionApp-staging (small preset)", run.Output, StringComparison.Ordinal);
        Assert.Contains("service 'api' → ECS Fargate, 2–4 tasks", run.Output, StringComparison.Ordinal);
        Assert.Contains("service 'web' → ECS Fargate, 2–4 tasks", run.Output, StringComparison.Ordinal);
        Assert.Contains("route /api/* → api", run.Output, StringComparison.Ordinal);
        Assert.Contains("route /* → web", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_RealModelWithAProjectAdded_EveryProjectButTheGatewayIsAServiceWithItsReplicasAndReferences()
    {
        // Arrange
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SessionApp_AppHost>(Token);
        var sessions = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "sessions");
        builder.AddProject<Projects.SessionApp_Api>("worker")
            .WithReference(builder.CreateResourceBuilder(sessions))
            .WithHttpHealthCheck("/ready")
            .WithReplicas(3);

        // Act
        var topology = AwsTopologyReader.Read(new DistributedApplicationModel(builder.Resources), "Test");

        // Assert
        Assert.Equal("test", topology.Environment);
        Assert.Equal("sessions", topology.Store.Name);
        Assert.Equal(["api", "web", "worker"], topology.Services.Select(s => s.Name));
        var api = topology.Services.Single(s => s.Name == "api");
        var web = topology.Services.Single(s => s.Name == "web");
        var worker = topology.Services.Single(s => s.Name == "worker");
        Assert.Equal((2, "/alive", 8080), (api.Replicas, api.LivenessPath, api.ContainerPort));
        Assert.Equal(["sessions"], api.References);
        Assert.Equal(["sessions", "api"], web.References);
        Assert.Equal((3, "/alive"), (worker.Replicas, worker.LivenessPath));
        Assert.Equal([("/api/*", "api"), ("/*", "web")], topology.Routes.Select(r => (r.PathPattern, r.Service)));
    }
}
