using System.Net;
using System.Text.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.ServiceDefaults;

public sealed class HealthEndpointsTests
{
    private static readonly TimeSpan StateChangeTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Alive_RedisUp_Returns200WithJsonBody()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(redis));

        // Act
        using var response = await app.Client.GetAsync("/alive", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.False(body.RootElement.GetProperty("checks").TryGetProperty("redis", out _), "/alive must not run the Redis check.");
    }

    [Fact]
    public async Task Health_RedisUp_Returns200IncludingRedisCheck()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(redis));

        // Act
        using var response = await app.Client.GetAsync("/health", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("redis").GetString());
    }

    [Fact]
    public async Task Health_RedisStoppedThenRestarted_Returns503ThenRecoversTo200()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(redis));
        await Poll.UntilStatusAsync(app.Client, "/health", HttpStatusCode.OK, StateChangeTimeout);

        // Act
        await redis.StopAsync();
        var timeToUnhealthy = await Poll.UntilStatusAsync(app.Client, "/health", HttpStatusCode.ServiceUnavailable, StateChangeTimeout);
        using var aliveWhileDown = await app.Client.GetAsync("/alive", TestContext.Current.CancellationToken);
        await redis.StartAsync();
        var timeToHealthy = await Poll.UntilStatusAsync(app.Client, "/health", HttpStatusCode.OK, StateChangeTimeout);

        // Assert
        Assert.InRange(timeToUnhealthy, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, aliveWhileDown.StatusCode);
        Assert.InRange(timeToHealthy, TimeSpan.Zero, StateChangeTimeout);
    }

    [Fact]
    public async Task Start_RedisDown_StartsAndReportsUnhealthy()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await redis.StopAsync();

        // Act
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(redis));
        using var health = await app.Client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var alive = await app.Client.GetAsync("/alive", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
