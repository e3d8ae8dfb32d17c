using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

/// <summary>The contract on a single real redis-server.</summary>
public sealed class StandaloneSessionContractTests(RedisFixture redis) : SessionContractTests, IClassFixture<RedisFixture>
{
    protected override string Redis => redis.ConnectionString;
}
