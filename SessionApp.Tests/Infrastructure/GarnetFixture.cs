using Garnet;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// An embedded Microsoft Garnet server, in this process, on a free loopback port with Lua scripting on and scripts atomic.
/// Dispose the test's multiplexers before the fixture; the server itself is disposed exactly once.
/// </summary>
public sealed class GarnetFixture : IAsyncLifetime
{
    private GarnetServer? _server;

    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis connection string.</summary>
    public string ConnectionString =>
        _server is null ? throw new InvalidOperationException("The fixture has not started.") : $"127.0.0.1:{Port}";

    public ValueTask InitializeAsync()
    {
        Port = FreePort.Next();
        // The AppHost's own Garnet command line: Lua on, scripts atomic (transaction mode).
        var server = new GarnetServer(Aspire.Hosting.ApplicationModel.GarnetServerResource.Arguments(Port));
        try
        {
            server.Start();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        _server = server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _server, null)?.Dispose();
        return ValueTask.CompletedTask;
    }
}
