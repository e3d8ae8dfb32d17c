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

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<ConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync(fixture.ConnectionString).WaitAsync(Timeout, Cancellation);
}
