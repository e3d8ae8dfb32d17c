using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace SessionApp.Gateway.Health;

/// <summary>
/// Passive health: a destination that refuses or drops a connection leaves rotation at once, for the
/// cluster's reactivation period, without waiting for the next active probe.
/// </summary>
internal sealed class FirstFailurePassivePolicy(IDestinationHealthUpdater healthUpdater) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "FirstFailure";

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error is null || error.Error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient)
        {
            return;
        }

        var period = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? TimeSpan.FromSeconds(2);
        healthUpdater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, period);
    }
}
