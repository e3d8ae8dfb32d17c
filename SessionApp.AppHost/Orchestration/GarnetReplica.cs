using System.Globalization;
using Garnet;

namespace SessionApp.AppHost.Orchestration;

/// <summary>The Redis resource played by an embedded Microsoft Garnet server (Lua enabled), for machines without redis-server.</summary>
internal sealed class GarnetReplica(string resource, string name, int port, OutputSink output)
    : Replica(resource, 0, name, port, new TcpHealthProbe(port, ping: true), output)
{
    private GarnetServer? _server;

    /// <summary>
    /// Garnet's command line for a loopback server with Lua on. Without transaction mode Garnet interleaves Lua
    /// scripts on one key, and the engine's compare-and-set loses updates. The command-line form also fills in
    /// every default the typed GarnetServerOptions leaves null.
    /// </summary>
    public static string[] Arguments(int port) =>
        ["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--lua", "true", "--lua-transaction-mode", "true"];

    public override int? ProcessId => null;

    public override void Kill()
    {
        DisposeServer();
        OnExited("killed");
    }

    protected override Task LaunchAsync()
    {
        try
        {
            _server = new GarnetServer(Arguments(Port));
            _server.Start();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            DisposeServer();
            throw new AppHostException($"{Name}: the embedded Garnet server did not start on port {Port}: {ex.Message}", ex);
        }

        AddOutput($"embedded Garnet listening on 127.0.0.1:{Port} (in memory, Lua enabled)");
        return Task.CompletedTask;
    }

    protected override Task TerminateAsync()
    {
        DisposeServer();
        return Task.CompletedTask;
    }

    private void DisposeServer()
    {
        var server = Interlocked.Exchange(ref _server, null);
        server?.Dispose();
    }
}
