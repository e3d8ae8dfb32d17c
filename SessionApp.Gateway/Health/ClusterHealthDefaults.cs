using SessionApp.ServiceDefaults.Health;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace SessionApp.Gateway.Health;

/// <summary>
/// Gives every cluster the load balancer's behaviour, whatever its configuration says: round robin with no
/// affinity; an active probe of each destination's liveness path (<see cref="HealthEndpoints.LivenessPath"/>, what the
/// ALB's target groups probe in AWS) every second that takes it out of rotation on the first failure; passive health
/// that takes a destination out at once when a connection to it fails; and, when every destination looks unhealthy,
/// trying them all anyway rather than answering 503 from the gateway. Liveness, not readiness: the readiness path
/// includes the shared store, so a store outage would mark every replica at once, while each replica answers that
/// outage with 503 and Retry-After.
/// </summary>
internal sealed class ClusterHealthDefaults : IProxyConfigFilter
{
    public const string ThresholdMetadataKey = "ConsecutiveFailuresHealthPolicy.Threshold";

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(cluster);

        var metadata = new Dictionary<string, string>(cluster.Metadata ?? new Dictionary<string, string>())
        {
            [ThresholdMetadataKey] = "1",
        };

        return ValueTask.FromResult(cluster with
        {
            LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
            SessionAffinity = null,
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = TimeSpan.FromSeconds(1),
                    Timeout = TimeSpan.FromMilliseconds(800),
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = HealthEndpoints.LivenessPath,
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = FirstFailurePassivePolicy.PolicyName,
                    ReactivationPeriod = TimeSpan.FromSeconds(2),
                },
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
            },
            Metadata = metadata,
        });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
