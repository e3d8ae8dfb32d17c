namespace SessionApp.ServiceDefaults.Health;

/// <summary>
/// Paths and tags of the default health endpoints (<c>MapDefaultEndpoints</c>): what the AppHost's health checks,
/// the AWS stack's load balancer and container probes and the gateway's active probes read. The paths themselves
/// (<c>ReadinessPath</c>, <c>LivenessPath</c>) are generated from Directory.Build.props, whose values also label the
/// container images (build/Containers.props).
/// </summary>
public static partial class HealthEndpoints
{
    /// <summary>Checks with this tag run on <c>/alive</c> as well as <c>/health</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>Checks with this tag gate readiness; they run on <c>/health</c> only.</summary>
    public const string ReadyTag = "ready";
}
