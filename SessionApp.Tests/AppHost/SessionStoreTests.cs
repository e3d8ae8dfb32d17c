using System.Net;
using Aspire.Hosting.ApplicationModel;
using StackExchange.Redis;

namespace SessionApp.Tests.AppHost;

[Collection(EndToEndGroup.Name)]
public sealed class SessionStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sessions_StoppedAndStartedWithResourceCommands_SignedInSessionIsStillThere()
    {
        // Arrange
        await using var app = await TestTopology.StartAsync();
        using var client = await TestTopology.SignedInClientAsync(app);
        var connectionString = await app.GetConnectionStringAsync("sessions", Token);
        var pidBefore = TestTopology.ProcessId(TestTopology.Replicas(app, "sessions").Values.Single());

        // Act
        var stop = await app.ResourceCommands.ExecuteCommandAsync("sessions", KnownResourceCommands.StopCommand, Token).WaitAsync(TestTopology.StepTimeout, Token);
        await app.ResourceNotifications.WaitForResourceAsync("sessions", KnownResourceStates.Finished, Token).WaitAsync(TestTopology.StepTimeout, Token);
        using var whileStopped = await client.GetAsync(TestTopology.ApiPath, Token);
        var start = await app.ResourceCommands.ExecuteCommandAsync("sessions", KnownResourceCommands.StartCommand, Token).WaitAsync(TestTopology.StepTimeout, Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("sessions", Token).WaitAsync(TestTopology.StepTimeout, Token);
        var signedInAfter = false;
        for (var attempt = 0; attempt < 50 && !signedInAfter; attempt++)
        {
            using var response = await client.GetAsync(TestTopology.ApiPath, Token);
            signedInAfter = await TestTopology.ShowsSignedInUserAsync(response);
            if (!signedInAfter)
            {
                await Task.Delay(200, Token);
            }
        }

        // Assert
        Assert.True(stop.Success, stop.Message);
        Assert.True(start.Success, start.Message);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileStopped.StatusCode);
        Assert.NotEqual(pidBefore, TestTopology.ProcessId(TestTopology.Replicas(app, "sessions").Values.Single()));
        Assert.Equal(connectionString, await app.GetConnectionStringAsync("sessions", Token));
        Assert.True(signedInAfter, "the signed-in session survived the restart of redis-server (append-only file)");
    }

    [Fact]
    public async Task Sessions_NoRedisServerChosen_EmbeddedGarnetAnswersRedisCommandsAndLuaScripts()
    {
        // Arrange
        var builder = await TestTopology.CreateBuilderAsync(dashboard: false, "SessionStore:Server=garnet");
        var sessions = builder.Resources.Single(r => r.Name == "sessions");
        foreach (var other in builder.Resources.Where(r => r.Name != "sessions" && TestTopology.ResourceNames.Contains(r.Name)).ToArray())
        {
            builder.Resources.Remove(other);
        }

        await using var app = await builder.BuildAsync(Token);
        await app.StartAsync(Token).WaitAsync(TestTopology.StartTimeout, Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("sessions", Token).WaitAsync(TestTopology.StepTimeout, Token);
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("sessions", Token))!)
            .WaitAsync(TestTopology.StepTimeout, Token);
        var database = redis.GetDatabase();

        // Act
        await database.StringSetAsync("garnet-key", "21");
        var doubled = await database.ScriptEvaluateAsync("return tonumber(redis.call('GET', KEYS[1])) * 2", ["garnet-key"]);

        // Assert
        Assert.IsType<GarnetServerResource>(sessions);
        Assert.True(app.ResourceNotifications.TryGetCurrentState("sessions", out var state));
        Assert.Equal("Garnet (embedded)", state.Snapshot.ResourceType);
        Assert.Equal(42, (int)doubled);
    }
}
