using SessionApp.AppHost.CommandLine;
using SessionApp.AppHost.Testing;
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

    [Fact]
    public async Task Sessions_StoreGarnet_AnswersRedisCommandsAndLuaScripts()
    {
        // Arrange
        var options = TestTopology.Options(output);
        options.Store = StoreKind.Garnet;
        await using var app = await TopologyTestHost.StartAsync(options, TestContext.Current.CancellationToken)
            .WaitAsync(TestTopology.StartTimeout, TestContext.Current.CancellationToken);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(app.GetConnectionString("sessions"))
            .WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken);
        var database = redis.GetDatabase();

        // Act
        await database.StringSetAsync("garnet-key", "21");
        var doubled = await database.ScriptEvaluateAsync("return tonumber(redis.call('GET', KEYS[1])) * 2", ["garnet-key"]);

        // Assert
        Assert.Null(app.GetReplicas("sessions")[0].ProcessId);
        Assert.Equal(42, (int)doubled);
    }
}
