using StackExchange.Redis;

namespace SessionApp.Tests.Infrastructure;

public sealed class GarnetFixtureTests(GarnetFixture fixture) : IClassFixture<GarnetFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ScriptEvaluate_RedisTime_ReturnsTheServerClock()
    {
        // Arrange
        await using var redis = await ConnectAsync();
        var database = redis.GetDatabase();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // Act
        var result = await database.ScriptEvaluateAsync("return redis.call('TIME')").WaitAsync(Timeout, Cancellation);

        // Assert
        var time = (RedisValue[])result!;
        Assert.Equal(2, time.Length);
        var seconds = (long)time[0];
        Assert.InRange(seconds, before - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.InRange((long)time[1], 0, 999_999);
    }

    [Fact]
    public async Task ScriptEvaluate_HashSetThenGetAll_ReturnsTheFields()
    {
        // Arrange
        await using var redis = await ConnectAsync();
        var database = redis.GetDatabase();
        RedisKey key = $"garnet-fixture:{Guid.NewGuid():N}";
        const string Script = """
            redis.call('HSET', KEYS[1], 'user', ARGV[1], 'theme', ARGV[2])
            return redis.call('HGETALL', KEYS[1])
            """;

        // Act
        var result = await database.ScriptEvaluateAsync(Script, [key], ["alice", "dark"]).WaitAsync(Timeout, Cancellation);

        // Assert
        var pairs = ((RedisValue[])result!).Chunk(2).ToDictionary(pair => pair[0].ToString(), pair => pair[1].ToString());
        Assert.Equal(new Dictionary<string, string> { ["user"] = "alice", ["theme"] = "dark" }, pairs);
        var stored = await database.HashGetAllAsync(key).WaitAsync(Timeout, Cancellation);
        Assert.Equal(2, stored.Length);
    }

    [Fact]
    public async Task ScriptEvaluate_ConcurrentReadModifyWriteScripts_AreAtomic()
    {
        // Arrange: several connections, so the scripts run on different Garnet sessions at the same time.
        var connections = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ConnectAsync()));
        RedisKey key = $"garnet-fixture:{Guid.NewGuid():N}";
        const string Increment = """
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            redis.call('SET', KEYS[1], current + 1)
            return current + 1
            """;
        const int Calls = 2_000;

        try
        {
            // Act
            await Task.WhenAll(Enumerable.Range(0, Calls).Select(i =>
                connections[i % connections.Length].GetDatabase().ScriptEvaluateAsync(Increment, [key])))
                .WaitAsync(Timeout, Cancellation);

            // Assert: a script interleaved with another would have lost an increment.
            Assert.Equal(Calls, (long)await connections[0].GetDatabase().StringGetAsync(key).WaitAsync(Timeout, Cancellation));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<ConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync(fixture.ConnectionString).WaitAsync(Timeout, Cancellation);
}
