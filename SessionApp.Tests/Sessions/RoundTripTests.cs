using System.Net;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// What a request costs in Redis, counted from the client side with StackExchange.Redis's profiler: one script
/// call to read (load and touch together), one more to write, none without a cookie.
/// </summary>
public sealed class RoundTripTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_CostOneCallToRead_AndOneMoreToWrite()
    {
        // Arrange
        var profiling = new ProfilingSession();
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        multiplexer.RegisterProfiler(() => profiling);
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, multiplexer: multiplexer);
        using var client = app.CreateClient();
        using var anonymous = app.CreateClient();
        (await client.PutAsync("/values/k", new StringContent("v"), Token)).EnsureSuccessStatusCode();
        (await client.PutAsync("/values/k", new StringContent("warm"), Token)).EnsureSuccessStatusCode();
        profiling.FinishProfiling();

        // Act
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/values/k", Token)).StatusCode);
        var read = Commands(profiling);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync("/values/k", new StringContent("w"), Token)).StatusCode);
        var write = Commands(profiling);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/values/k", Token)).StatusCode);
        var none = Commands(profiling);

        // Assert
        Assert.Equal(["EVALSHA"], read);
        Assert.Equal(["EVALSHA", "EVALSHA"], write);
        Assert.Empty(none);
    }

    private static string[] Commands(ProfilingSession profiling) =>
        [.. profiling.FinishProfiling().Select(command => command.Command).Where(command => command is not "PING" and not "ECHO")];
}
