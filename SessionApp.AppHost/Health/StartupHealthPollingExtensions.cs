using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SessionApp.AppHost.Health;

namespace Aspire.Hosting;

/// <summary>How quickly the AppHost notices that a starting resource has become healthy.</summary>
public static class StartupHealthPollingExtensions
{
    /// <summary>
    /// Until a resource's health check first passes, retries it every <paramref name="interval"/> (each attempt bounded by
    /// <paramref name="attemptTimeout"/>) for up to <paramref name="window"/> per check, instead of leaving it to Aspire's
    /// back-off of 1 to 5 s between checks. Resources that <c>WaitFor</c> another, and the dashboard, then see it ready
    /// within about one interval of it answering. Once passed, the check is Aspire's plain periodic check again.
    /// </summary>
    public static IDistributedApplicationBuilder WithStartupHealthPolling(
        this IDistributedApplicationBuilder builder, TimeSpan interval, TimeSpan attemptTimeout, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(attemptTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, attemptTimeout);

        var polling = new StartupHealthPolling(interval, attemptTimeout, window);
        var passed = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        builder.Services.AddOptions<HealthCheckServiceOptions>().PostConfigure<DistributedApplicationModel>((options, model) =>
        {
            var resourceChecks = model.Resources
                .SelectMany(resource => resource.Annotations.OfType<HealthCheckAnnotation>())
                .Select(annotation => annotation.Key)
                .ToHashSet(StringComparer.Ordinal);
            foreach (var registration in options.Registrations.Where(r => resourceChecks.Contains(r.Name)))
            {
                var factory = registration.Factory;
                registration.Factory = services => new StartupPollingHealthCheck(
                    factory(services), polling, passed, services.GetService<TimeProvider>() ?? TimeProvider.System);
            }
        });

        return builder;
    }
}
