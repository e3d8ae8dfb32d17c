namespace SessionApp.Tests.Infrastructure;

/// <summary>One redis-server shared by a test class; tests keep apart by using fresh session ids and key prefixes.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServerProcess? _server;

    public RedisServerProcess Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public string ConnectionString => Server.ConnectionString;

    public async ValueTask InitializeAsync() => _server = await RedisServerProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
