using System.Diagnostics;

namespace SessionApp.Tests.AppHost;

[Collection(EndToEndGroup.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    /// <summary>Active checks every second with threshold 1 plus passive health: a dead replica must be out well within this.</summary>
    private static readonly TimeSpan FailureWindow = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Gateway_OneWebAndOneApiReplicaKilledWhileRequestsFlow_FailuresStopWithinWindowAndReplicasServeAgain()
    {
        // Arrange
        await using var app = await TestTopology.StartAsync(output);
        using var client = await TestTopology.SignedInClientAsync(app);
        await using var traffic = new TrafficRecorder(client, [TestTopology.WebPath, TestTopology.ApiPath, TestTopology.ApiPath]);
        traffic.Start();
        Assert.True(await traffic.WaitForServedByAsync("web-1", TimeSpan.Zero, TestTopology.StepTimeout));
        Assert.True(await traffic.WaitForServedByAsync("api-1", TimeSpan.Zero, TestTopology.StepTimeout));
        var webPid = app.GetReplicas("web")[0].ProcessId!.Value;
        var apiPid = app.GetReplicas("api")[0].ProcessId!.Value;

        // Act
        var killedAt = traffic.Now;
        Process.GetProcessById(webPid).Kill();
        Process.GetProcessById(apiPid).Kill();
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        await app.WaitForHealthyAsync("web", 0, TestTopology.StepTimeout, TestContext.Current.CancellationToken);
        await app.WaitForHealthyAsync("api", 0, TestTopology.StepTimeout, TestContext.Current.CancellationToken);
        var healthyAgainAt = traffic.Now;
        var webBack = await traffic.WaitForServedByAsync("web-1", healthyAgainAt, TestTopology.StepTimeout);
        var apiBack = await traffic.WaitForServedByAsync("api-1", healthyAgainAt, TestTopology.StepTimeout);
        await traffic.DisposeAsync();

        // Assert
        var afterKill = traffic.Outcomes.Where(o => o.At >= killedAt).ToArray();
        var failures = afterKill.Where(o => !o.Success).ToArray();
        output.WriteLine($"{afterKill.Length} requests after the kill, {failures.Length} failed; replicas healthy again after {(healthyAgainAt - killedAt).TotalSeconds:0.00} s");
        foreach (var failure in failures)
        {
            output.WriteLine($"  failed at +{(failure.At - killedAt).TotalSeconds:0.000} s: GET {failure.Path} → {failure.Detail}");
        }

        Assert.DoesNotContain(failures, f => f.At - killedAt > FailureWindow);
        Assert.True(afterKill.Count(o => o.Success) > 20, "requests kept succeeding while the replicas were down");
        Assert.True(webBack, "web-1 served through the gateway again after its restart");
        Assert.True(apiBack, "api-1 served through the gateway again after its restart");
        Assert.NotEqual(webPid, app.GetReplicas("web")[0].ProcessId);
        Assert.Equal(1, app.GetReplicas("web")[0].Restarts);
        Assert.Equal(1, app.GetReplicas("api")[0].Restarts);
        using var me = await client.GetAsync(TestTopology.ApiPath, TestContext.Current.CancellationToken);
        Assert.True(await TestTopology.ShowsSignedInUserAsync(me), "the session outlived both replicas");
    }
}
