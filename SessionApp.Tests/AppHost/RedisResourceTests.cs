using StackExchange.Redis;

namespace SessionApp.Tests.AppHost;

[Collection(EndToEndGroup.Name)]
public sealed class RedisResourceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sessions_StoppedAndStartedAgain_KeyWrittenBeforeIsStillThere()
    {
        // Arrange
        await using var app = await TestTopology.StartAsync(output);
        var connectionString = app.GetConnectionString("sessions");
        var key = $"apphost-test:{Guid.NewGuid():N}";
        await using (var before = await ConnectionMultiplexer.ConnectAsync(connectionString).WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken))
        {
            Assert.True(await before.GetDatabase().StringSetAsync(key, "kept"));
        }

        var pidBefore = app.GetReplicas("sessions")[0].ProcessId;

        // Act
        await app.StopResourceAsync("sessions").WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken);
        var stoppedPid = app.GetReplicas("sessions")[0].ProcessId;
        await app.StartResourceAsync("sessions").WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken);
        await app.WaitForHealthyAsync("sessions", TestTopology.StepTimeout, TestContext.Current.CancellationToken);

        // Assert
        Assert.Null(stoppedPid);
        Assert.NotEqual(pidBefore, app.GetReplicas("sessions")[0].ProcessId);
        Assert.Equal(connectionString, app.GetConnectionString("sessions"));
        await using var after = await ConnectionMultiplexer.ConnectAsync(connectionString).WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken);
        Assert.Equal("kept", (string?)await after.GetDatabase().StringGetAsync(key));
    }
}
