namespace SessionApp.Tests.AppHost;

[Collection(EndToEndGroup.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    /// <summary>How long after the kill requests may still fail: those in flight to the dying replicas.</summary>
    private static readonly TimeSpan FailureWindow = TimeSpan.FromSeconds(2);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gateway_OneWebAndOneApiReplicaKilledWhileRequestsFlow_RequestsKeepSucceedingAndTheSessionStays()
    {
        // Arrange
        await using var app = await TestTopology.StartAsync();
        using var client = await TestTopology.SignedInClientAsync(app);
        var web = TestTopology.Replicas(app, "web");
        var api = TestTopology.Replicas(app, "api");
        var (webVictim, webPid) = web.Select(r => (r.Key, TestTopology.ProcessId(r.Value))).First();
        var (apiVictim, apiPid) = api.Select(r => (r.Key, TestTopology.ProcessId(r.Value))).First();
        Assert.NotNull(webPid);
        Assert.NotNull(apiPid);
        await using var traffic = new TrafficRecorder(client, [TestTopology.WebPath, TestTopology.ApiPath, TestTopology.ApiPath]);
        traffic.Start();
        Assert.True(await traffic.WaitForServedByAsync(webVictim, TimeSpan.Zero, TestTopology.StepTimeout), $"{webVictim} served before the kill");
        Assert.True(await traffic.WaitForServedByAsync(apiVictim, TimeSpan.Zero, TestTopology.StepTimeout), $"{apiVictim} served before the kill");

        // Act
        var killedAt = traffic.Now;
        var killed = LinuxProcess.KillTree(webPid.Value).Concat(LinuxProcess.KillTree(apiPid.Value)).ToArray();
        var servedAfterWindow = await traffic.WaitForSuccessesAsync(20, killedAt + FailureWindow, TestTopology.StepTimeout);
        await traffic.DisposeAsync();

        // Assert
        var afterKill = traffic.Outcomes.Where(o => o.At >= killedAt).ToArray();
        var failures = afterKill.Where(o => !o.Success).ToArray();
        output.WriteLine($"{afterKill.Length} requests after killing {webVictim} and {apiVictim}, {failures.Length} failed");
        foreach (var failure in failures)
        {
            output.WriteLine($"  failed at +{(failure.At - killedAt).TotalSeconds:0.000} s: GET {failure.Path} → {failure.Detail}");
        }

        Assert.True(killed.Length >= 4, "each replica is dotnet run and the service below it");
        foreach (var pid in killed)
        {
            Assert.True(await LinuxProcess.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(5)), $"process {pid} of a killed replica is gone");
        }

        Assert.DoesNotContain(failures, f => f.At - killedAt > FailureWindow);
        Assert.True(servedAfterWindow, "20 requests succeeded on the surviving replicas after the failure window");
        Assert.DoesNotContain(afterKill.Where(o => o.At - killedAt > FailureWindow), o => o.Instance == webVictim || o.Instance == apiVictim);
        using var me = await client.GetAsync(TestTopology.ApiPath, Token);
        Assert.True(await TestTopology.ShowsSignedInUserAsync(me), "the session outlived both replicas");
    }
}
