namespace SessionApp.ServiceDefaults.Health;

/// <summary>Paths and tags of the default health endpoints.</summary>
internal static class HealthEndpoints
{
    public const string ReadinessPath = "/health";
    public const string LivenessPath = "/alive";

    /// <summary>Checks with this tag run on <c>/alive</c> as well as <c>/health</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>Checks with this tag gate readiness; they run on <c>/health</c> only.</summary>
    public const string ReadyTag = "ready";
}
