using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.ServiceDefaults;

public sealed class TelemetryTests : IClassFixture<RedisFixture>
{
    private const string SessionsSource = "SessionApp.Sessions";
    private const int FlushTimeoutMilliseconds = 5_000;
    private readonly RedisFixture _redis;

    public TelemetryTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Tracing_HealthProbesAndApplicationRequest_OnlyApplicationRequestTraced()
    {
        // Arrange
        var exported = new List<Activity>();
        await using var app = await ServiceDefaultsApp.StartAsync(
            Settings.For(_redis.Server),
            map => map.MapGet("/echo", () => "echo"),
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported)));

        // Act
        foreach (var path in new[] { "/health", "/alive", "/echo" })
        {
            using var response = await app.Client.GetAsync(path, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        await FlushUntilAsync(app.Services.GetRequiredService<TracerProvider>(), () => ServerSpanPaths(exported, app.Address.Port).Contains("/echo"));

        // Assert
        var serverPaths = ServerSpanPaths(exported, app.Address.Port);
        Assert.Contains("/echo", serverPaths);
        Assert.DoesNotContain("/health", serverPaths);
        Assert.DoesNotContain("/alive", serverPaths);
    }

    [Fact]
    public async Task Telemetry_SessionEngineActivityAndMeter_AreCollected()
    {
        // Arrange
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var operation = $"session.test.{Guid.NewGuid():N}";
        await using var app = await ServiceDefaultsApp.StartAsync(
            Settings.For(_redis.Server),
            configure: builder =>
            {
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
                builder.Services.ConfigureOpenTelemetryMeterProvider(metering => metering.AddInMemoryExporter(metrics));
            });
        using var source = new ActivitySource(SessionsSource);
        using var meter = new Meter(SessionsSource);
        var counter = meter.CreateCounter<long>(operation);

        // Act
        using (source.StartActivity(operation))
        {
            counter.Add(1);
        }

        app.Services.GetRequiredService<TracerProvider>().ForceFlush(FlushTimeoutMilliseconds);
        app.Services.GetRequiredService<MeterProvider>().ForceFlush(FlushTimeoutMilliseconds);

        // Assert
        Assert.Contains(spans.ToArray(), span => span.OperationName == operation);
        Assert.Contains(metrics.ToArray(), metric => metric.Name == operation);
    }

    [Fact]
    public async Task Export_OtlpEndpointConfigured_ReceiverGetsTracesNamingTheService()
    {
        // Arrange
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        await using var receiver = await PlainApp.StartAsync(app => app.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.Path.Value ?? "", body.ToArray()));
            return Results.Ok();
        }));
        var serviceName = $"svc-{Guid.NewGuid():N}";
        await using var app = await ServiceDefaultsApp.StartAsync(
            Settings.For(
                _redis.Server,
                ("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Urls.Single()),
                ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
                ("OTEL_SERVICE_NAME", serviceName)),
            map => map.MapGet("/echo", () => "echo"));

        // Act
        using (var response = await app.Client.GetAsync("/echo", TestContext.Current.CancellationToken))
        {
            response.EnsureSuccessStatusCode();
        }

        var nameBytes = Encoding.UTF8.GetBytes(serviceName);
        await FlushUntilAsync(app.Services.GetRequiredService<TracerProvider>(), () => received.Any(r => r.Path == "/v1/traces"));

        // Assert
        Assert.Contains(received.ToArray(), r => r.Path == "/v1/traces" && r.Body.AsSpan().IndexOf(nameBytes) >= 0);
    }

    /// <summary>
    /// Flushes the tracer until <paramref name="done"/> holds, for at most the flush timeout: the server ends a
    /// request's span just after the client has its response, so one flush can come too early.
    /// </summary>
    private static async Task FlushUntilAsync(TracerProvider tracer, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(FlushTimeoutMilliseconds);
        do
        {
            tracer.ForceFlush(FlushTimeoutMilliseconds);
            if (done())
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);
    }

    private static List<string> ServerSpanPaths(List<Activity> exported, int port) =>
        [.. exported.ToArray()
            .Where(span => span.Kind == ActivityKind.Server && Equals(span.GetTagItem("server.port"), port))
            .Select(span => span.GetTagItem("url.path") as string ?? "")];
}
