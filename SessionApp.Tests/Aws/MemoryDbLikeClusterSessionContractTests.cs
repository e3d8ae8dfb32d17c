using SessionApp.Tests.Infrastructure;
using SessionApp.Tests.Sessions;

namespace SessionApp.Tests.Aws;

/// <summary>The engine's contract on a MemoryDB-like cluster: three TLS-only masters, the default user off, only the published ACL user.</summary>
public sealed class MemoryDbLikeClusterSessionContractTests(MemoryDbLikeClusterFixture cluster) : SessionContractTests, IClassFixture<MemoryDbLikeClusterFixture>
{
    protected override string Redis => cluster.ConnectionString;
}
