namespace SessionApp.Tests.Infrastructure;

/// <summary>One three-master Redis Cluster shared by a test class; tests keep apart by using fresh keys.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private RedisClusterProcess? _cluster;

    public RedisClusterProcess Cluster => _cluster ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Every node's endpoint, comma separated, as StackExchange.Redis takes a cluster.</summary>
    public string ConnectionString => Cluster.ConnectionString;

    public async ValueTask InitializeAsync() => _cluster = await RedisClusterProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }
}
