using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SessionApp.ServiceDefaults.Health;

namespace SessionApp.ServiceDefaults.Telemetry;

/// <summary>OpenTelemetry traces, metrics and logs, exported over OTLP when an endpoint is configured.</summary>
internal static class TelemetryExtensions
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    public static IHostApplicationBuilder AddDefaultTelemetry(this IHostApplicationBuilder builder)
    {
        // Outside Development the console writes one JSON object per line: ECS ships it to CloudWatch Logs, whose
        // metric filters select events by field ({ $.Category = "SessionApp.Audit" && $.EventId = 9002 }). A
        // formatter named in Logging:Console:FormatterName wins; Development keeps the readable console.
        if (!builder.Environment.IsDevelopment() && string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var openTelemetry = builder.Services.AddOpenTelemetry();

        // The SDK already reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES; only name the service when nobody did.
        if (string.IsNullOrWhiteSpace(builder.Configuration[ServiceNameKey]))
        {
            openTelemetry.ConfigureResource(resource =>
                resource.AddService(builder.Environment.ApplicationName, autoGenerateServiceInstanceId: false));
        }

        openTelemetry
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SessionTelemetry.SessionsSourceName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(SessionTelemetry.SessionsSourceName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsHealthRequest(context))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            openTelemetry.UseOtlpExporter();
        }

        return builder;
    }

    private static bool IsHealthRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HealthEndpoints.ReadinessPath, StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments(HealthEndpoints.LivenessPath, StringComparison.OrdinalIgnoreCase);
}
