
namespace Aspire.Hosting;

/// <summary>How the AppHost's services export telemetry to the dashboard.</summary>
public static class TelemetryExportExtensions
{
    /// <summary>
    /// Bounds each OTLP export of every project resource at <paramref name="timeout"/> (<c>OTEL_EXPORTER_OTLP_TIMEOUT</c>;
    /// the SDK's default is 10 s). A service that stops after the dashboard has gone would otherwise wait that long
    /// on its last export, and stopping the topology would take ten seconds per replica.
    /// </summary>
    public static IDistributedApplicationBuilder WithOtlpExportTimeout(this IDistributedApplicationBuilder builder, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var milliseconds = ((long)timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            foreach (var project in e.Model.Resources.OfType<ProjectResource>())
            {
                project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                    context.EnvironmentVariables["OTEL_EXPORTER_OTLP_TIMEOUT"] = milliseconds));
            }

            return Task.CompletedTask;
        });

        return builder;
    }
}
