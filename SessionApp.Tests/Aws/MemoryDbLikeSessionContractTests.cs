using SessionApp.Tests.Infrastructure;
using SessionApp.Tests.Sessions;

namespace SessionApp.Tests.Aws;

/// <summary>
/// The engine's contract on a redis-server started like MemoryDB: TLS only with the test's CA, the default user off,
/// and only the ACL user with the access string the AWS stack publishes.
/// </summary>
public sealed class MemoryDbLikeSessionContractTests(MemoryDbLikeRedisFixture redis) : SessionContractTests, IClassFixture<MemoryDbLikeRedisFixture>
{
    protected override string Redis => redis.ConnectionString;
}
