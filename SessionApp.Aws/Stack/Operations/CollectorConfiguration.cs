using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionApp.Aws.Stack.Operations;

/// <summary>
/// The configuration of the OpenTelemetry collector beside every task (the AWS Distro for OpenTelemetry image, which
/// reads it from <c>AOT_CONFIG_CONTENT</c>): OTLP from the service on the task's loopback in; traces out to AWS X-Ray,
/// metrics out to CloudWatch as embedded metric format (EMF) log events in the stack's metrics log group.
/// </summary>
/// <remarks>
/// <para>
/// Written as JSON, which is YAML (the collector's configuration language), so that the stack builds it from objects
/// and the tests read back exactly what the template carries.
/// </para>
/// <para>
/// Traces go through the <c>awsxray</c> exporter (PutTraceSegments). X-Ray's OTLP endpoint is the other way AWS
/// documents, but it takes CloudWatch Transaction Search, an account-wide switch that one application's stack should
/// not turn on for every other one in the account. X-Ray takes W3C trace ids as they are.
/// </para>
/// <para>
/// Metrics: <c>awsemf</c> writes them to the metrics log group, where CloudWatch turns them into metrics of the
/// <see cref="Namespace"/> namespace. Only the metrics the declarations name are kept, and only with the dimensions
/// they list: <c>environment</c> and <c>service</c> (copied from the resource's <c>deployment.environment.name</c> and
/// <c>service.name</c>) and a few attributes with a handful of values each (a load's or a commit's result, a revocation's
/// reason, an error's type). No session, user, route or client address becomes a dimension. The services export
/// histograms as exponential ones (<see cref="HistogramAggregationVariable"/>), which EMF keeps as values and counts, so
/// that CloudWatch can answer percentiles (an explicit-bucket histogram arrives as minimum, maximum, sum and count only).
/// </para>
/// </remarks>
internal static class CollectorConfiguration
{
    /// <summary>The CloudWatch namespace of the services' own metrics.</summary>
    public const string Namespace = "SessionApp";

    /// <summary>The port of the collector's OTLP/gRPC receiver, on the task's loopback.</summary>
    public const int OtlpGrpcPort = 4317;

    /// <summary>The port of the collector's health check extension, on the task's loopback.</summary>
    public const int HealthCheckPort = 13133;

    /// <summary>Where the services send OTLP: the collector beside them (containers of a Fargate task share localhost).</summary>
    public static readonly string ServiceEndpoint = $"http://localhost:{OtlpGrpcPort}";

    /// <summary>The OpenTelemetry SDK's variable for the default histogram aggregation (the .NET SDK honours it).</summary>
    public const string HistogramAggregationVariable = "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION";

    /// <summary>The dimension names every kept metric carries.</summary>
    public static readonly string[] BaseDimensions = ["environment", "service"];

    /// <summary>The memory (MiB) past which the collector refuses data rather than growing: it shares the task's memory with the service.</summary>
    public const int MemoryLimitMiB = 100;

    /// <summary>
    /// The metric declarations: which metrics are kept, each with its dimension sets. The engine's meter
    /// (<c>SessionApp.Sessions</c>) and ASP.NET Core's request duration.
    /// </summary>
    public static IReadOnlyList<(string[] Selectors, string[][] Dimensions)> Declarations { get; } =
    [
        (["^sessionapp\\.sessions\\."], [BaseDimensions]),
        (["^sessionapp\\.sessions\\.loads$", "^sessionapp\\.sessions\\.commits$"], [[.. BaseDimensions, "result"]]),
        (["^sessionapp\\.sessions\\.revocations$"], [[.. BaseDimensions, "reason"]]),
        (["^sessionapp\\.sessions\\.errors$"], [[.. BaseDimensions, "error.type"]]),
        (["^http\\.server\\.request\\.duration$"], [BaseDimensions, [.. BaseDimensions, "http.response.status_code"]]),
    ];

    /// <summary>The configuration as the collector reads it, for a service's task.</summary>
    /// <param name="metricsLogGroupName">The log group EMF writes to.</param>
    public static string For(string metricsLogGroupName) => Build(metricsLogGroupName).ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    /// <summary>The configuration as a JSON document.</summary>
    /// <param name="metricsLogGroupName">The log group EMF writes to.</param>
    public static JsonObject Build(string metricsLogGroupName)
    {
        var declarations = new JsonArray();
        foreach (var (selectors, dimensions) in Declarations)
        {
            declarations.Add(new JsonObject
            {
                ["dimensions"] = new JsonArray([.. dimensions.Select(static set => (JsonNode)new JsonArray([.. set.Select(static d => (JsonNode)d)]))]),
                ["metric_name_selectors"] = new JsonArray([.. selectors.Select(static s => (JsonNode)s)]),
            });
        }

        return new JsonObject
        {
            // The image's /healthcheck program (the container's health check) asks this endpoint.
            ["extensions"] = new JsonObject { ["health_check"] = new JsonObject { ["endpoint"] = $"127.0.0.1:{HealthCheckPort}" } },
            ["receivers"] = new JsonObject
            {
                ["otlp"] = new JsonObject
                {
                    ["protocols"] = new JsonObject
                    {
                        // Loopback only: nothing outside the task may send it telemetry.
                        ["grpc"] = new JsonObject { ["endpoint"] = $"127.0.0.1:{OtlpGrpcPort}" },
                    },
                },
            },
            ["processors"] = new JsonObject
            {
                ["memory_limiter"] = new JsonObject
                {
                    ["check_interval"] = "1s",
                    ["limit_mib"] = MemoryLimitMiB,
                    ["spike_limit_mib"] = MemoryLimitMiB / 4,
                },
                // The task's id (the EMF log stream's name) and the ECS attributes X-Ray shows on a segment.
                ["resourcedetection"] = new JsonObject
                {
                    ["detectors"] = new JsonArray("env", "ecs"),
                    ["timeout"] = "2s",
                    ["override"] = false,
                },
                ["resource"] = new JsonObject
                {
                    ["attributes"] = new JsonArray(
                        Copy("environment", "deployment.environment.name"),
                        Copy("service", "service.name")),
                },
                ["batch"] = new JsonObject { ["timeout"] = "10s" },
            },
            ["exporters"] = new JsonObject
            {
                ["awsxray"] = new JsonObject
                {
                    // Keeps every span attribute searchable as X-Ray metadata, none as an indexed annotation.
                    ["indexed_attributes"] = new JsonArray(),
                },
                ["awsemf"] = new JsonObject
                {
                    ["namespace"] = Namespace,
                    ["log_group_name"] = metricsLogGroupName,
                    ["log_stream_name"] = "{TaskId}",
                    ["resource_to_telemetry_conversion"] = new JsonObject { ["enabled"] = true },
                    ["dimension_rollup_option"] = "NoDimensionRollup",
                    ["metric_declarations"] = declarations,
                },
            },
            ["service"] = new JsonObject
            {
                ["extensions"] = new JsonArray("health_check"),
                ["pipelines"] = new JsonObject
                {
                    ["traces"] = Pipeline("awsxray"),
                    ["metrics"] = Pipeline("awsemf"),
                },
            },
        };
    }

    private static JsonObject Copy(string key, string from) =>
        new() { ["key"] = key, ["from_attribute"] = from, ["action"] = "insert" };

    private static JsonObject Pipeline(string exporter) => new()
    {
        ["receivers"] = new JsonArray("otlp"),
        ["processors"] = new JsonArray("memory_limiter", "resourcedetection", "resource", "batch"),
        ["exporters"] = new JsonArray(exporter),
    };
}
