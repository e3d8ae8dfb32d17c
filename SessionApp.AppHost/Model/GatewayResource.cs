namespace SessionApp.AppHost.Model;

/// <summary>
/// The single public entry point: the local stand-in for the AWS Application Load Balancer.
/// Routes are matched in declaration order; traffic is spread round-robin without affinity.
/// </summary>
public sealed class GatewayResource : Resource
{
    private readonly List<GatewayRoute> _routes = [];

    internal GatewayResource(string name, int port)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Port = port;
    }

    /// <summary>The listening port, or 0 for a free one.</summary>
    public int Port { get; }

    /// <summary>The routes, first match wins.</summary>
    public IReadOnlyList<GatewayRoute> Routes => _routes;

    internal void AddRoute(GatewayRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentException.ThrowIfNullOrWhiteSpace(route.Path);
        if (route.Target.HealthPath is null)
        {
            throw new ArgumentException($"Gateway route '{route.Path}' targets '{route.Target.Name}', which has no HTTP health path.", nameof(route));
        }

        _routes.Add(route);
        AddReference(route.Target);
    }
}
