namespace SessionApp.Tests.Infrastructure;

/// <summary>One MemoryDB-like three-master cluster (TLS only, default user off, the published ACL user) shared by a test class.</summary>
public sealed class MemoryDbLikeClusterFixture : IAsyncLifetime
{
    private MemoryDbLikeClusterProcess? _cluster;

    public MemoryDbLikeClusterProcess Cluster => _cluster ?? throw new InvalidOperationException("The fixture has not started.");

    public string ConnectionString => Cluster.ConnectionString;

    public async ValueTask InitializeAsync() => _cluster = await MemoryDbLikeClusterProcess.StartAsync(new MemoryDbLikeUsers(ContractSuiteAccess.AccessString));

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }
}
