using StackExchange.Redis;

namespace SessionApp.Tests.Infrastructure;

public sealed class RedisClusterFixtureTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task StringSetAndGet_KeysInDifferentSlots_RoundTripThroughOneMultiplexer()
    {
        // Arrange
        await using var redis = await ConnectAsync();
        var database = redis.GetDatabase();
        var prefix = Guid.NewGuid().ToString("N");
        // 48 random keys miss one of three equal slot ranges with odds of about 1 in 10^8.
        var keys = Enumerable.Range(0, 48).Select(i => (RedisKey)$"{prefix}:key-{i}").ToArray();

        // Act
        var written = new List<bool>();
        foreach (var key in keys)
        {
            written.Add(await database.StringSetAsync(key, $"value of {key}").WaitAsync(Timeout, Cancellation));
        }

        var values = new List<RedisValue>();
        var owners = new HashSet<string>();
        foreach (var key in keys)
        {
            values.Add(await database.StringGetAsync(key).WaitAsync(Timeout, Cancellation));
            var owner = await database.IdentifyEndpointAsync(key).WaitAsync(Timeout, Cancellation);
            owners.Add(owner?.ToString() ?? "none");
        }

        // Assert
        Assert.All(written, Assert.True);
        Assert.Equal(keys.Select(key => (RedisValue)$"value of {key}"), values);
        Assert.Equal(RedisClusterProcess.MasterCount, owners.Count);
    }

    [Fact]
    public async Task ScriptEvaluate_HashTaggedKeys_UpdatesBothKeysInOneSlot()
    {
        // Arrange
        await using var redis = await ConnectAsync();
        var database = redis.GetDatabase();
        var tag = Guid.NewGuid().ToString("N");
        RedisKey[] keys = [$"{{{tag}}}:counter", $"{{{tag}}}:copy"];
        const string Script = """
            local value = redis.call('INCRBY', KEYS[1], ARGV[1])
            redis.call('SET', KEYS[2], value)
            return value
            """;

        // Act
        var first = await database.ScriptEvaluateAsync(Script, keys, [5]).WaitAsync(Timeout, Cancellation);
        var second = await database.ScriptEvaluateAsync(Script, keys, [7]).WaitAsync(Timeout, Cancellation);

        // Assert
        Assert.Equal(redis.HashSlot(keys[0]), redis.HashSlot(keys[1]));
        Assert.Equal(5, (long)first);
        Assert.Equal(12, (long)second);
        Assert.Equal(12, (long)await database.StringGetAsync(keys[1]).WaitAsync(Timeout, Cancellation));
    }

    [Fact]
    public async Task ClusterInfo_AfterStart_ReportsOkWithAllSlotsOnEveryNode()
    {
        // Arrange
        var options = ConfigurationOptions.Parse(fixture.ConnectionString);
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(Timeout, Cancellation);

        // Act
        var reports = new List<string>();
        foreach (var endPoint in redis.GetEndPoints())
        {
            var reply = await redis.GetServer(endPoint).ExecuteAsync("CLUSTER", "INFO").WaitAsync(Timeout, Cancellation);
            reports.Add(reply.ToString());
        }

        // Assert
        Assert.Equal(RedisClusterProcess.MasterCount, reports.Count);
        Assert.All(reports, report =>
        {
            Assert.Contains("cluster_state:ok", report, StringComparison.Ordinal);
            Assert.Contains("cluster_slots_assigned:16384", report, StringComparison.Ordinal);
        });
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<ConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync(fixture.ConnectionString).WaitAsync(Timeout, Cancellation);
}
