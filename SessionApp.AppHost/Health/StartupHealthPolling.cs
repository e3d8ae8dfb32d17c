namespace SessionApp.AppHost.Health;

/// <summary>How a resource's health checks are retried until they first pass (see <see cref="StartupPollingHealthCheck"/>).</summary>
/// <param name="Interval">The pause between two attempts.</param>
/// <param name="AttemptTimeout">How long one attempt may take before it counts as failed.</param>
/// <param name="Window">How long one check keeps retrying before it reports the failure to Aspire.</param>
internal sealed record StartupHealthPolling(TimeSpan Interval, TimeSpan AttemptTimeout, TimeSpan Window);
