using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task Start_RedisDownThenStarted_StartsAfterOneConnectAttemptThenBecomesHealthyAndProtectsData()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await redis.StopAsync();
        var started = TimeProvider.System.GetTimestamp();

        // Act
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(redis, ("Redis:ConnectTimeout", "00:00:01")));
        var startUp = TimeProvider.System.GetElapsedTime(started);
        using var healthWhileDown = await app.Client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var aliveWhileDown = await app.Client.GetAsync("/alive", TestContext.Current.CancellationToken);
        await redis.StartAsync();
        await Poll.UntilStatusAsync(app.Client, "/health", HttpStatusCode.OK, StateChangeTimeout);
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("after-outage");

        // Assert
        Assert.InRange(startUp, TimeSpan.Zero, TimeSpan.FromSeconds(4)); // one 1 s connect attempt, then on without Redis
        Assert.Equal(HttpStatusCode.ServiceUnavailable, healthWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliveWhileDown.StatusCode);
        Assert.Equal("payload", protector.Unprotect(protector.Protect("payload")));
    }
}
