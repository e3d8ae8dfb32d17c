using System.Globalization;
using SessionApp.AppHost.Model;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace SessionApp.AppHost.Gateway;

/// <summary>Turns the gateway's routes into YARP routes and clusters: one cluster per target resource, one destination per replica.</summary>
internal static class GatewayConfig
{
    public const string ThresholdMetadataKey = "ConsecutiveFailuresHealthPolicy.Threshold";

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Create(
        GatewayResource gateway, Func<Resource, IReadOnlyList<(string Name, Uri Url)>> destinationsOf)
    {
        var routes = gateway.Routes
            .Select((route, order) => new RouteConfig
            {
                RouteId = $"{route.Target.Name}-{order.ToString(CultureInfo.InvariantCulture)}",
                ClusterId = route.Target.Name,
                Order = order,
                Match = new RouteMatch { Path = route.Path },
            })
            .ToArray();

        var clusters = gateway.Routes
            .Select(route => route.Target)
            .Distinct()
            .Select(target => new ClusterConfig
            {
                ClusterId = target.Name,
                LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                HealthCheck = new HealthCheckConfig
                {
                    Active = new ActiveHealthCheckConfig
                    {
                        Enabled = true,
                        Interval = TimeSpan.FromSeconds(1),
                        Timeout = TimeSpan.FromMilliseconds(800),
                        Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                        Path = target.HealthPath,
                    },
                    Passive = new PassiveHealthCheckConfig
                    {
                        Enabled = true,
                        Policy = FirstFailurePassivePolicy.PolicyName,
                        ReactivationPeriod = TimeSpan.FromSeconds(2),
                    },
                    AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
                },
                Metadata = new Dictionary<string, string> { [ThresholdMetadataKey] = "1" },
                Destinations = destinationsOf(target).ToDictionary(
                    d => d.Name,
                    d => new DestinationConfig { Address = d.Url.ToString() }),
            })
            .ToArray();

        return (routes, clusters);
    }
}
