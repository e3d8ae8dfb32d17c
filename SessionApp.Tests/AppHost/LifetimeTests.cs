using SessionApp.AppHost.Orchestration;

namespace SessionApp.Tests.AppHost;

[Collection(EndToEndGroup.Name)]
public sealed class LifetimeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task StartAsync_ProjectsAlreadyBuilt_EveryResourceHealthyWithinBudget()
    {
        // Arrange
        var options = TestTopology.Options(output);

        // Act
        await using var app = await SessionApp.AppHost.Testing.TopologyTestHost.StartAsync(options, TestContext.Current.CancellationToken)
            .WaitAsync(TestTopology.StartTimeout, TestContext.Current.CancellationToken);

        // Assert
        var startup = app.StartupTime!.Value;
        output.WriteLine($"start to all healthy: {startup.TotalSeconds:0.00} s (budget {StartBudget.TotalSeconds:0} s)");
        Assert.All(app.GetReplicas(), r => Assert.Equal(ReplicaState.Healthy, r.State));
        Assert.Equal(6, app.GetReplicas().Count);
        Assert.True(startup <= StartBudget, $"start to all healthy took {startup.TotalSeconds:0.00} s, over the {StartBudget.TotalSeconds:0} s budget");
    }

    [Fact]
    public async Task DisposeAsync_AfterStart_LeavesNoChildProcess()
    {
        // Arrange
        var app = await TestTopology.StartAsync(output);
        var processIds = app.GetReplicas().Where(r => r.ProcessId is not null).Select(r => r.ProcessId!.Value).ToArray();
        Assert.Equal(5, processIds.Length);
        Assert.All(processIds, pid => Assert.True(LinuxProcess.Exists(pid)));

        // Act
        await app.DisposeAsync().AsTask().WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken);

        // Assert
        foreach (var pid in processIds)
        {
            Assert.True(await LinuxProcess.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(5)), $"process {pid} is still there after disposal");
        }
    }
}
