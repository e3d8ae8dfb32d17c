namespace SessionApp.ServiceDefaults.Health;

/// <summary>
/// Paths and tags of the default health endpoints (<c>MapDefaultEndpoints</c>): the one definition the AppHost's
/// health checks, the AWS stack's load balancer and container probes and the gateway's active probes read.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Readiness: every health check, the session store included.</summary>
    public const string ReadinessPath = "/health";

    /// <summary>Liveness: only the checks tagged <see cref="LiveTag"/>; what load balancers probe.</summary>
    public const string LivenessPath = "/alive";

    /// <summary>Checks with this tag run on <c>/alive</c> as well as <c>/health</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>Checks with this tag gate readiness; they run on <c>/health</c> only.</summary>
    public const string ReadyTag = "ready";
}
