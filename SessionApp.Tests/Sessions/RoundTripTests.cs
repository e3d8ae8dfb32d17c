using System.Net;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// What a request costs in Redis, counted from the client side with StackExchange.Redis's profiler: one round
/// trip to read (one HGETALL), one more to write — a plain HSET when the write replaces values
/// with values of the same size, the commit script otherwise — and none without a cookie.
/// </summary>
public sealed class RoundTripTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_CostOneRoundTripToRead_AndOneMoreToWrite()
    {
        // Arrange
        var profiling = new ProfilingSession();
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        multiplexer.RegisterProfiler(() => profiling);
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, multiplexer: multiplexer);
        using var client = app.CreateClient();
        using var anonymous = app.CreateClient();
        (await client.PutAsync("/values/k", new StringContent("v"), Token)).EnsureSuccessStatusCode();
        (await client.PutAsync("/values/k", new StringContent("u"), Token)).EnsureSuccessStatusCode();
        profiling.FinishProfiling();

        // Act
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/values/k", Token)).StatusCode);
        var read = Commands(profiling);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync("/values/k", new StringContent("w"), Token)).StatusCode);
        var replace = Commands(profiling);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync("/values/added", new StringContent("x"), Token)).StatusCode);
        var grow = Commands(profiling);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/values/k", Token)).StatusCode);
        var none = Commands(profiling);

        // Assert
        Assert.Equal(["HGETALL"], read);
        Assert.Equal(["HGETALL", "HSET"], replace);
        Assert.Equal(["HGETALL", "EVALSHA"], grow);
        Assert.Empty(none);
    }

    private static string[] Commands(ProfilingSession profiling) =>
        [.. profiling.FinishProfiling().Select(command => command.Command).Where(command => command is not "PING" and not "ECHO")];
}
