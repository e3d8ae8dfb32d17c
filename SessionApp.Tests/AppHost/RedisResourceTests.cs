using SessionApp.AppHost.CommandLine;
using SessionApp.AppHost.Testing;
using StackExchange.Redis;

namespace SessionApp.Tests.AppHost;

[Collection(EndToEndGroup.Name)]
public sealed class RedisResourceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sessions_StoppedAndStartedAgain_SignedInSessionIsStillThere()
    {
        // Arrange
        await using var app = await TestTopology.StartAsync(output);
        using var client = await TestTopology.SignedInClientAsync(app);
        var connectionString = app.GetConnectionString("sessions");
        var pidBefore = app.GetReplicas("sessions")[0].ProcessId;

        // Act
        await app.StopResourceAsync("sessions").WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken);
        var stoppedPid = app.GetReplicas("sessions")[0].ProcessId;
        using var whileStopped = await client.GetAsync(TestTopology.ApiPath, TestContext.Current.CancellationToken);
        await app.StartResourceAsync("sessions").WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken);
        await app.WaitForHealthyAsync("sessions", TestTopology.StepTimeout, TestContext.Current.CancellationToken);
        var signedInAfter = false;
        for (var attempt = 0; attempt < 50 && !signedInAfter; attempt++)
        {
            using var response = await client.GetAsync(TestTopology.ApiPath, TestContext.Current.CancellationToken);
            signedInAfter = await TestTopology.ShowsSignedInUserAsync(response);
            if (!signedInAfter)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }

        // Assert
        Assert.Null(stoppedPid);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, whileStopped.StatusCode);
        Assert.NotEqual(pidBefore, app.GetReplicas("sessions")[0].ProcessId);
        Assert.Equal(connectionString, app.GetConnectionString("sessions"));
        Assert.True(signedInAfter, "the signed-in session survived the restart of redis-server (appendonly)");
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
