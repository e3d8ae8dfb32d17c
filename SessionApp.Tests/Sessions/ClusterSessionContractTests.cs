using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

/// <summary>The contract on a Redis Cluster of three masters: what MemoryDB in cluster mode asks of the key layout.</summary>
public sealed class ClusterSessionContractTests(RedisClusterFixture cluster) : SessionContractTests, IClassFixture<RedisClusterFixture>
{
    protected override string Redis => cluster.ConnectionString;
}
