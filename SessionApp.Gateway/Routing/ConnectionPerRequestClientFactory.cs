using Yarp.ReverseProxy.Forwarder;

namespace SessionApp.Gateway.Routing;

/// <summary>
/// Opens a new connection for every forwarded request. Locally each replicated resource sits behind one address, a
/// proxy of the Aspire orchestrator that balances <em>connections</em> across the replicas and drops a replica whose
/// process has ended; a pooled keep-alive connection would pin every request to one replica. A connection per
/// request makes the balancing per request, as the AWS load balancer's is, for the cost of a loopback connect.
/// </summary>
internal sealed class ConnectionPerRequestClientFactory : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.PooledConnectionLifetime = TimeSpan.Zero;
    }
}
