namespace SessionApp.Tests.Infrastructure;

/// <summary>One MemoryDB-like redis-server (TLS only, default user off, the published ACL user) shared by a test class.</summary>
public sealed class MemoryDbLikeRedisFixture : IAsyncLifetime
{
    private MemoryDbLikeRedisProcess? _server;

    public MemoryDbLikeRedisProcess Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public string ConnectionString => Server.ConnectionString;

    public async ValueTask InitializeAsync() => _server = await MemoryDbLikeRedisProcess.StartAsync(new MemoryDbLikeUsers(ContractSuiteAccess.AccessString));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
