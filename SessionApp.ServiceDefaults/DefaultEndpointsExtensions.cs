using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using SessionApp.ServiceDefaults.Health;

namespace Microsoft.Extensions.Hosting;

/// <summary>Maps the health endpoints the load balancer and the orchestrator probe.</summary>
public static class DefaultEndpointsExtensions
{
    /// <summary>
    /// Maps <c>/health</c> (readiness: every health check, Redis included) and <c>/alive</c> (liveness: only the
    /// checks tagged <c>live</c>) in every environment. Both answer 200 when healthy or degraded and 503 when
    /// unhealthy, with a small JSON body, and are never cached. They allow anonymous access, so a fallback
    /// authorization policy does not lock the load balancer out; the body holds only statuses and the instance name.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapHealthChecks(HealthEndpoints.ReadinessPath, new HealthCheckOptions
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks(HealthEndpoints.LivenessPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthEndpoints.LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();

        return app;
    }
}
