using SessionApp.AppHost.Model;
using SessionApp.AppHost.Orchestration;

namespace SessionApp.AppHost.Gateway;

/// <summary>The gateway as a replica of its own resource, so it shows, starts and stops like the others.</summary>
internal sealed class GatewayReplica(GatewayResource gateway, int port, OutputSink output, Func<Resource, IReadOnlyList<(string Name, Uri Url)>> destinationsOf)
    : Replica(gateway.Name, 0, gateway.Name, port, new TcpHealthProbe(port, ping: false), output)
{
    private readonly GatewayHost _host = new(gateway, port, destinationsOf);

    public override int? ProcessId => null;

    public override void Kill()
    {
        _ = _host.StopAsync();
        OnExited("killed");
    }

    protected override async Task LaunchAsync()
    {
        await _host.StartAsync(CancellationToken.None);
        AddOutput($"YARP listening on {Url}");
    }

    protected override Task TerminateAsync() => _host.StopAsync();
}
