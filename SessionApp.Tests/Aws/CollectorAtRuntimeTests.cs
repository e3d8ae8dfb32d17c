using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SessionApp.Tests.Infrastructure;
using SessionApp.Tests.Web;

namespace SessionApp.Tests.Aws;

/// <summary>
/// The collector configuration the production template writes beside the API, played out: the service's OTLP settings
/// and the collector's receiver agree; the real API, started with exactly the task definition's environment (a free
/// port, the stand-in's OTLP port, a short metric interval and the settings SSM would give being the only edits), sends
/// a real request's trace and the engine's metrics to the real Aspire dashboard standing in for the collector (no
/// collector binary runs here); and every dimension the collector's <c>awsemf</c> declarations keep is one the
/// received resource or data points really carry, none of them per user, session or client.
/// </summary>
/// <remarks>
/// The dashboard's telemetry API serves traces and logs only, so the metrics are read from its metrics page in
/// Chromium: the instruments it lists under the service and, per instrument, the attribute names and values its
/// filters offer. It drops exponential histograms (which the task definition asks for): their arrival is seen in its
/// log, their names and attributes cannot be (see <see cref="HistogramsTheDashboardDrops"/>).
/// </remarks>
[Collection(AwsStackGroup.Name)]
public sealed partial class CollectorAtRuntimeTests(SynthesizedStackFixture stack, ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TelemetryWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Metrics that arrive as exponential histograms, which the dashboard (13.6) refuses ("ExponentialHistogram is not
    /// supported"): a declaration that selects only these cannot be checked against what arrived.
    /// </summary>
    private static readonly string[] HistogramsTheDashboardDrops = ["http.server.request.duration"];

    /// <summary>Attribute names that would make a metric per user, per session or per client.</summary>
    [GeneratedRegex("session|user|client|peer|address|ip$|id$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PerPersonAttribute();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void ApiTask_ServiceAndCollector_AgreeOnTheLoopbackOtlpGrpcEndpoint()
    {
        // Arrange
        var (environment, collector) = ApiTask();

        // Act
        var endpoint = new Uri(environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var receiver = (string)collector["receivers"]!["otlp"]!["protocols"]!["grpc"]!["endpoint"]!;
        var receiverPort = int.Parse(receiver[(receiver.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        var pipelines = collector["service"]!["pipelines"]!;

        // Assert: the same port on the task's loopback (containers of a task share it), gRPC on both sides, in clear
        // (the receiver has no TLS settings), and both pipelines start at that receiver.
        Assert.Equal("grpc", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal(Uri.UriSchemeHttp, endpoint.Scheme);
        Assert.True(IsLoopback(endpoint.Host), $"the service sends to {endpoint.Host}, not the task's loopback");
        Assert.True(IsLoopback(receiver[..receiver.LastIndexOf(':')]), $"the receiver listens on {receiver}, not the task's loopback");
        Assert.Equal(receiverPort, endpoint.Port);
        Assert.Null(collector["receivers"]!["otlp"]!["protocols"]!["grpc"]!["tls"]);
        Assert.Equal(new[] { "otlp" }, Names(pipelines["traces"]!["receivers"]));
        Assert.Equal(new[] { "otlp" }, Names(pipelines["metrics"]!["receivers"]));
        Assert.Equal(new[] { "awsxray" }, Names(pipelines["traces"]!["exporters"]));
        Assert.Equal(new[] { "awsemf" }, Names(pipelines["metrics"]!["exporters"]));
        Assert.Contains("resource", Names(pipelines["metrics"]!["processors"]));
    }

    [Fact]
    public async Task ApiWithTheTaskDefinitionsEnvironment_SendsTheTraceAndMetrics_WhoseAttributesTheCollectorsDeclarationsKeep()
    {
        Assert.SkipUnless(Chromium.IsInstalled, Chromium.SkipReason);

        // Arrange
        var (task, collector) = ApiTask();
        await using var dashboard = await StandaloneDashboard.StartAsync();
        await using var redis = await RedisServerProcess.StartAsync();
        var port = FreePort.Next();
        var edits = new Dictionary<string, string?>
        {
            // The stand-in's OTLP/gRPC port (servers in tests take free ports); the host stays the template's.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = WithPort(task["OTEL_EXPORTER_OTLP_ENDPOINT"], dashboard.OtlpGrpc.Port),
            // A free port instead of the container's 8080.
            ["ASPNETCORE_HTTP_PORTS"] = port.ToString(CultureInfo.InvariantCulture),
            // The SDK's default is 60 s; the test waits 30 s at most.
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            // Spans go out in batches every 5 s by default, and a batch whose export fails is dropped for good: in a
            // full test run on two cores no trace at all reached the stand-in within the 30 s, in one of several runs,
            // while metrics (every second) did. A batch a second gives the trace thirty chances rather than six.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
            // No SSM here: the settings it would give instead of its path (as the Production start-up tests give them):
            // the store's connection string, the user hash key, a key ring without KMS, users to sign in.
            ["Ssm__Path"] = null,
            ["ConnectionStrings__sessions"] = redis.ConnectionString,
            ["Sessions__UserHashKey"] = ApiInstance.TestUserHashKey,
            ["DataProtection__AllowUnprotectedKeys"] = "true",
        };
        foreach (var (key, value) in DemoUsers.EnvironmentVariables)
        {
            edits[key] = value;
        }

        var environment = new Dictionary<string, string>(task);
        foreach (var (key, value) in edits)
        {
            if (value is null)
            {
                environment.Remove(key);
            }
            else
            {
                environment[key] = value;
            }
        }

        var startInfo = BuiltServiceProcess.StartInfo("SessionApp.Api");
        // What the image gives every process (the runtime's PATH and HOME); none of the test runner's own settings.
        var machine = new[] { "PATH", "HOME", "DOTNET_ROOT" }.Where(startInfo.Environment.ContainsKey).ToDictionary(k => k, k => startInfo.Environment[k] ?? string.Empty);
        startInfo.Environment.Clear();
        foreach (var (key, value) in machine.Concat(environment))
        {
            startInfo.Environment[key] = value;
        }

        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        try
        {
            Assert.True(process.Start());
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(10),
            };
            await BuiltServiceProcess.WaitUntilAnswersAsync(client, "/alive").WaitAsync(StartTimeout, Token);

            // Act: a request that loads and commits a session, under a trace its caller sampled (the template's ratio
            // samples a tenth of the requests that start one; a sampled parent is followed whatever it is); then a
            // load that finds it, a value over the engine's limit, a sign-in and the sign-out that revokes the session.
            using var put = new HttpRequestMessage(HttpMethod.Put, "/api/session/items/greeting") { Content = JsonContent.Create("hello") };
            put.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            using var stored = await client.SendAsync(put, Token);
            var handle = (await client.GetFromJsonAsync<JsonElement>("/api/session", Token)).GetProperty("id").GetString()!;
            using var read = await client.GetAsync(new Uri("/api/session/items/greeting", UriKind.Relative), Token);
            using var tooLarge = await client.PutAsJsonAsync("/api/session/items/large", new string('x', 70_000), Token);
            using var signedIn = await client.PostAsJsonAsync("/api/auth/login", new { userName = "alice", password = "alice-pass-1" }, Token);
            using var signedOut = await client.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null, Token);
            Assert.Equal(
                (HttpStatusCode.NoContent, HttpStatusCode.OK, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.OK, HttpStatusCode.NoContent),
                (stored.StatusCode, read.StatusCode, tooLarge.StatusCode, signedIn.StatusCode, signedOut.StatusCode));

            // The SDK exports spans once, in batches, and drops a batch whose export times out (OTLP's default 10 s), as
            // it may when the stand-in is slow to take its first batch on a loaded machine; metrics, cumulative, are
            // exported every interval. So while no trace has arrived, another traced request is sent: one that arrives
            // shows the service exports traces as configured, and none in the whole wait fails the test.
            async Task<string> SendTracedAsync()
            {
                var id = ActivityTraceId.CreateRandom().ToHexString();
                using var again = new HttpRequestMessage(HttpMethod.Put, "/api/session/items/greeting") { Content = JsonContent.Create("hello") };
                again.Headers.Add("traceparent", $"00-{id}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
                using var response = await client.SendAsync(again, Token);
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                return id;
            }

            var trace = await WaitForTraceAsync(dashboard, traceId, SendTracedAsync);
            var declarations = Declarations(collector);
            var copies = collector["processors"]!["resource"]!["attributes"]!.AsArray()
                .ToDictionary(a => (string)a!["key"]!, a => (string)a!["from_attribute"]!);
            var metrics = await WaitForMetricsAsync(dashboard, m => Unchecked(declarations, copies, m).Count == 0);

            // Assert: the trace, sent as the task sends it.
            var spans = trace.Spans;
            Assert.Contains(spans, s => s.Kind == 2 && s.Scope == "Microsoft.AspNetCore" && s.Name == "PUT api/session/items/{key}");
            Assert.Contains(spans, s => s.Scope == "SessionApp.Sessions" && s.Name.StartsWith("session.", StringComparison.Ordinal));
            Assert.Equal("api", trace.Resource.GetValueOrDefault("service.name"));
            Assert.Equal("production", trace.Resource.GetValueOrDefault("deployment.environment.name"));

            // Assert: the engine's metrics, with the attribute the declarations keep; the histograms arrived exponential.
            Assert.Contains("result", metrics["sessionapp.sessions.loads"].Keys);
            Assert.Contains("result", metrics["sessionapp.sessions.commits"].Keys);
            Assert.Contains("ExponentialHistogram is not supported", dashboard.Output, StringComparison.Ordinal);

            // Assert: every dimension of every declaration is a resource attribute the resource processor copies and the
            // resource carries, or an attribute every received metric of its selectors carries.
            Assert.All(declarations.SelectMany(d => d.Dimensions).Where(copies.ContainsKey), dimension =>
                Assert.True(trace.Resource.ContainsKey(copies[dimension]), $"the resource has no {copies[dimension]} to copy into {dimension}"));
            Assert.Empty(Unchecked(declarations, copies, metrics));
            foreach (var declaration in declarations)
            {
                var received = Matching(declaration, metrics).ToList();
                foreach (var dimension in declaration.Dimensions.Where(d => !copies.ContainsKey(d)))
                {
                    Assert.All(received, metric => Assert.True(
                        metric.Value.ContainsKey(dimension),
                        $"{metric.Key} arrived without '{dimension}', a dimension of [{string.Join(", ", declaration.Selectors)}]; it carries [{string.Join(", ", metric.Value.Keys)}]"));
                }
            }

            // Assert: nothing the collector keeps is per user, session or client.
            var kept = declarations.SelectMany(d => Matching(d, metrics)).DistinctBy(m => m.Key).ToList();
            Assert.All(kept.SelectMany(m => m.Value), attribute =>
            {
                Assert.DoesNotMatch(PerPersonAttribute(), attribute.Key);
                Assert.All(attribute.Value, value =>
                {
                    Assert.DoesNotContain(handle[..8], value, StringComparison.Ordinal);
                    Assert.DoesNotContain("127.0.0.1", value, StringComparison.Ordinal);
                    Assert.NotEqual("alice", value);
                });
            });
        }
        catch
        {
            output.WriteLine($"The API's output:\n{string.Join('\n', lines)}\n\nThe dashboard's output:\n{dashboard.Output}");
            throw;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(Token).WaitAsync(StartTimeout, Token);
        }

        // Assert: the process ran with the template's environment and the edits above, nothing else.
        var changed = task.Keys.Union(environment.Keys).Where(k => task.GetValueOrDefault(k) != environment.GetValueOrDefault(k)).Order();
        Assert.Equal(edits.Keys.Order(), changed);
    }

    /// <summary>The API's task definition: its service container's environment (parameters at their defaults) and its collector's configuration.</summary>
    private (Dictionary<string, string> Environment, JsonObject Collector) ApiTask()
    {
        var containers = stack.Resources("AWS::ECS::TaskDefinition").Values
            .Select(t => t["Properties"]!["ContainerDefinitions"]!.AsArray())
            .Single(c => c.Any(d => (string)d!["Name"]! == "api"));
        var environment = containers.Single(d => (string)d!["Name"]! == "api")!["Environment"]!.AsArray()
            .ToDictionary(e => (string)e!["Name"]!, e => Resolve(e!["Value"]));
        var configuration = containers.Single(d => (string)d!["Name"]! == "otel-collector")!["Environment"]!.AsArray()
            .Single(e => (string)e!["Name"]! == "AOT_CONFIG_CONTENT")!["Value"]!;
        return (environment, JsonNode.Parse((string)configuration!)!.AsObject());
    }

    /// <summary>A literal, or a <c>Ref</c> to a parameter: its default, as a stack deployed without overrides has it.</summary>
    private string Resolve(JsonNode? value) => value switch
    {
        JsonValue literal => (string)literal!,
        JsonObject { Count: 1 } reference when reference["Ref"] is JsonValue name =>
            stack.Document["Parameters"]![(string)name!]!["Default"] is JsonValue d
                ? d.TryGetValue<string>(out var s) ? s : d.GetValue<double>().ToString(CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"Parameter {name} has no default."),
        _ => throw new InvalidOperationException($"Not a literal or a parameter: {value?.ToJsonString()}"),
    };

    private static List<(string[] Selectors, string[] Dimensions)> Declarations(JsonObject collector) =>
        collector["exporters"]!["awsemf"]!["metric_declarations"]!.AsArray()
            .Select(d => (
                Names(d!["metric_name_selectors"]),
                d!["dimensions"]!.AsArray().SelectMany(Names).Distinct().ToArray()))
            .ToList();

    private static IEnumerable<KeyValuePair<string, Dictionary<string, string[]>>> Matching(
        (string[] Selectors, string[] Dimensions) declaration, Dictionary<string, Dictionary<string, string[]>> metrics) =>
        metrics.Where(m => declaration.Selectors.Any(s => Regex.IsMatch(m.Key, s, RegexOptions.CultureInvariant)));

    /// <summary>
    /// The declarations no received metric matches, or whose attribute dimensions (other than the resource's) no
    /// matching metric carries yet; except those that select only <see cref="HistogramsTheDashboardDrops"/>.
    /// </summary>
    private static List<string> Unchecked(
        List<(string[] Selectors, string[] Dimensions)> declarations, Dictionary<string, string> copies, Dictionary<string, Dictionary<string, string[]>> metrics) =>
        declarations
            .Where(d => !d.Selectors.All(s => HistogramsTheDashboardDrops.Any(h => Regex.IsMatch(h, s, RegexOptions.CultureInvariant))))
            .Where(d => !Matching(d, metrics).Any(m => d.Dimensions.All(dimension => copies.ContainsKey(dimension) || m.Value.ContainsKey(dimension))))
            .Select(d => string.Join(", ", d.Selectors))
            .ToList();

    /// <summary>
    /// Polls the telemetry API until one of the traced requests' traces holds its server span and an engine span,
    /// sending another traced request (<paramref name="sendAnother"/>) every few seconds while none has.
    /// </summary>
    private static async Task<(List<(string Scope, string Name, int Kind)> Spans, Dictionary<string, string> Resource)> WaitForTraceAsync(
        StandaloneDashboard dashboard, string firstTraceId, Func<Task<string>> sendAnother)
    {
        using var client = new HttpClient { BaseAddress = dashboard.Address, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        var sentAt = Stopwatch.StartNew();
        var traceIds = new List<string> { firstTraceId };
        (List<(string Scope, string Name, int Kind)> Spans, Dictionary<string, string> Resource) trace = ([], []);
        while (started.Elapsed < TelemetryWait)
        {
            foreach (var traceId in traceIds)
            {
                using var response = await client.GetAsync(new Uri($"/api/telemetry/traces/{traceId}", UriKind.Relative), Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    trace = ParseTrace(await response.Content.ReadAsStringAsync(Token));
                    if (trace.Spans.Any(s => s.Kind == 2) && trace.Spans.Any(s => s.Scope == "SessionApp.Sessions"))
                    {
                        return trace;
                    }
                }
            }

            // Past the 1 s batch delay and the export's trip with nothing arrived: that batch may have been dropped.
            if (sentAt.Elapsed > TimeSpan.FromSeconds(3))
            {
                traceIds.Add(await sendAnother());
                sentAt.Restart();
            }

            await Task.Delay(500, Token);
        }

        return trace;
    }

    private static (List<(string Scope, string Name, int Kind)> Spans, Dictionary<string, string> Resource) ParseTrace(string json)
    {
        using var document = JsonDocument.Parse(json);
        var spans = new List<(string, string, int)>();
        var resource = new Dictionary<string, string>();
        foreach (var resourceSpans in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            foreach (var attribute in resourceSpans.GetProperty("resource").GetProperty("attributes").EnumerateArray())
            {
                if (attribute.GetProperty("value").TryGetProperty("stringValue", out var value))
                {
                    resource[attribute.GetProperty("key").GetString()!] = value.GetString()!;
                }
            }

            foreach (var scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                var scope = scopeSpans.GetProperty("scope").GetProperty("name").GetString()!;
                foreach (var span in scopeSpans.GetProperty("spans").EnumerateArray())
                {
                    spans.Add((scope, span.GetProperty("name").GetString()!, span.TryGetProperty("kind", out var kind) ? kind.GetInt32() : 0));
                }
            }
        }

        return (spans, resource);
    }

    /// <summary>
    /// Reads the dashboard's metrics page in Chromium until <paramref name="done"/>: every instrument it lists under the
    /// service, each with the attribute names and values its filters offer.
    /// </summary>
    private async Task<Dictionary<string, Dictionary<string, string[]>>> WaitForMetricsAsync(
        StandaloneDashboard dashboard, Func<Dictionary<string, Dictionary<string, string[]>>, bool> done)
    {
        using var playwright = await Playwright.CreateAsync().WaitAsync(Chromium.StepTimeout, Token);
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout((float)Chromium.StepTimeout.TotalMilliseconds);
        var started = Stopwatch.StartNew();
        var metrics = new Dictionary<string, Dictionary<string, string[]>>();
        while (started.Elapsed < TelemetryWait)
        {
            await page.GotoAsync(new Uri(dashboard.Address, "/metrics/resource/api").ToString());
            await page.Locator("fluent-tree-item[id^='metric-meter-']").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var instruments = await page.EvaluateAsync<string[][]>(
                "() => [...document.querySelectorAll(\"fluent-tree-item[id^='metric-meter-']\")].flatMap(m => [...m.querySelectorAll('fluent-tree-item.nested')].map(i => [m.title, i.title]))");
            metrics.Clear();
            foreach (var instrument in instruments)
            {
                var (meter, name) = (instrument[0], instrument[1]);
                await page.GotoAsync(new Uri(dashboard.Address, $"/metrics/resource/api?meter={Uri.EscapeDataString(meter)}&instrument={Uri.EscapeDataString(name)}&duration=5").ToString());
                await page.Locator(".metrics-filters-container").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await Assertions.Expect(page.Locator($"fluent-tree-item[title='{name}'][selected]")).ToBeAttachedAsync();
                var filters = await page.EvaluateAsync<string[][]>(
                    "() => [...document.querySelectorAll('.chart-filter-popover')].map(p => [p.querySelector('strong').textContent.trim(), ...[...p.querySelectorAll('label')].map(l => l.textContent.trim()).filter(t => t !== '(All)')])");
                metrics[name] = filters.ToDictionary(f => f[0], f => f[1..]);
            }

            if (done(metrics))
            {
                break;
            }

            await Task.Delay(1000, Token);
        }

        foreach (var (name, attributes) in metrics)
        {
            output.WriteLine($"{name}: {string.Join("; ", attributes.Select(a => $"{a.Key}=[{string.Join(", ", a.Value)}]"))}");
        }

        return metrics;
    }

    private static string WithPort(string endpoint, int port)
    {
        var uri = new Uri(endpoint);
        return new StringBuilder().Append(uri.Scheme).Append("://").Append(uri.Host).Append(':').Append(port).ToString();
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string[] Names(JsonNode? list) => [.. list!.AsArray().Select(n => (string)n!)];
}
