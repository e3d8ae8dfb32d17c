namespace SessionApp.Tests.AppHost;

/// <summary>One running topology shared by the tests of a class that only read from it (no kill, no stop).</summary>
public sealed class TopologyFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The topology has not started.");

    public async ValueTask InitializeAsync() => _app = await TestTopology.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
