using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SessionApp.ServiceDefaults;
using SessionApp.ServiceDefaults.ForwardedHeaders;
using SessionApp.ServiceDefaults.Resilience;
using SessionApp.ServiceDefaults.Health;
using SessionApp.ServiceDefaults.Instance;
using SessionApp.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every SessionApp service starts with, in the shape of the Aspire service-defaults template,
/// built on plain packages.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Adds OpenTelemetry (exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), health checks,
    /// service discovery, the standard resilience handler on every <see cref="System.Net.Http.HttpClient"/>,
    /// problem details, forwarded headers from the load balancer and the instance name (<see cref="InstanceInfo"/>,
    /// header <c>X-Instance</c>): what every service needs, the gateway included. The services that keep sessions add
    /// the shared Redis and the data protection key ring in it with <c>AddSessionAppSessions</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddSsmParameterStore();
        builder.AddDefaultTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler(ServiceResilience.Configure);
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails();
        builder.AddTrustedProxies();
        builder.Services.AddInstanceInfo();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, ServiceDefaultsStartupFilter>());

        return builder;
    }
}
