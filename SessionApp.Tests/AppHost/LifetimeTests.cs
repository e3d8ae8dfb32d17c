using System.Diagnostics;

namespace SessionApp.Tests.AppHost;

[Collection(EndToEndGroup.Name)]
public sealed class LifetimeTests(ITestOutputHelper output)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_ProjectsAlreadyBuilt_EveryResourceAndReplicaHealthy()
    {
        // Arrange
        var builder = await TestTopology.CreateBuilderAsync();
        var clock = Stopwatch.StartNew();

        // Act
        await using var app = await TestTopology.StartAsync(builder);
        var startup = clock.Elapsed;

        // Assert
        output.WriteLine($"start to all healthy (through Aspire.Hosting.Testing): {startup.TotalSeconds:0.00} s");
        Assert.Single(TestTopology.Replicas(app, "sessions"));
        Assert.Equal(2, TestTopology.Replicas(app, "api").Count);
        Assert.Equal(2, TestTopology.Replicas(app, "web").Count);
        Assert.Single(TestTopology.Replicas(app, "gateway"));
        Assert.Single(TestTopology.Replicas(app, "identity"));
        foreach (var name in TestTopology.ResourceNames)
        {
            Assert.All(TestTopology.Replicas(app, name).Values, snapshot =>
            {
                Assert.Equal("Running", snapshot.State?.Text);
                Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, snapshot.HealthStatus);
            });
        }
    }

    [Fact]
    public async Task DisposeAsync_AfterStart_LeavesNoProcessBehind()
    {
        // Arrange
        var app = await TestTopology.StartAsync();
        var processIds = TestTopology.ResourceNames
            .SelectMany(name => TestTopology.Replicas(app, name).Values)
            .Select(TestTopology.ProcessId)
            .OfType<int>()
            .ToArray();
        // redis-server, the identity provider, two api, two web, the gateway
        Assert.Equal(7, processIds.Length);
        Assert.All(processIds, pid => Assert.True(LinuxProcess.Exists(pid)));
        processIds = [.. processIds, .. processIds.SelectMany(LinuxProcess.Descendants)];
        var dcpBefore = DcpProcesses();
        Assert.NotEmpty(dcpBefore);

        // Act
        await app.DisposeAsync().AsTask().WaitAsync(TestTopology.StepTimeout, Token);

        // Assert: DCP removes its children a few seconds after the AppHost has gone
        foreach (var pid in processIds)
        {
            Assert.True(await LinuxProcess.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(15)), $"process {pid} is still there after disposal");
        }

        foreach (var pid in dcpBefore)
        {
            Assert.True(await LinuxProcess.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(15)), $"DCP process {pid} is still there after disposal");
        }
    }

    /// <summary>
    /// The DCP processes of this test process's application: DCP runs detached, so they are found by the API server
    /// that monitors this process (<c>dcp start-apiserver --monitor PID</c>) and every process below it.
    /// </summary>
    private static int[] DcpProcesses()
    {
        var monitor = $"--monitor {Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)} ";
        var servers = LinuxProcess.All()
            .Where(pid => LinuxProcess.CommandLine(pid) is var command && command.Contains("dcp start-apiserver", StringComparison.Ordinal) && (command + " ").Contains(monitor, StringComparison.Ordinal))
            .ToArray();
        return [.. servers, .. servers.SelectMany(LinuxProcess.Descendants)];
    }
}
