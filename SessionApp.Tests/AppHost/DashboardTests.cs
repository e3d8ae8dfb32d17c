using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SessionApp.Tests.Web;

namespace SessionApp.Tests.AppHost;

/// <summary>
/// The Aspire dashboard of the real topology: one sign-in through the gateway and the identity provider is one
/// trace, seen through its telemetry API and in Chromium.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class DashboardTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan TelemetryWait = TimeSpan.FromSeconds(30);

    private DistributedApplication? _app;

    private DistributedApplication App => _app ?? throw new InvalidOperationException("The topology has not started.");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _app = await TestTopology.StartAsync(dashboard: true);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task SignInThroughGateway_TelemetryApi_OneTraceSpansGatewayWebIdentityEngineAndRedis()
    {
        // Arrange
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        // Act
        var signedIn = await SignInThroughWebAsync(traceId);
        var spans = await WaitForTraceAsync(traceId, IsComplete);

        // Assert
        Assert.Equal(HttpStatusCode.OK, signedIn);
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            output.WriteLine($"{span.Service,-8} {span.Scope,-50} {span.Name}");
        }

        Assert.True(IsComplete(spans), "the trace holds gateway, web and api server spans, the engine's spans and the Redis commands they sent");
    }

    [Fact]
    public async Task Dashboard_SignedInWithItsToken_ShowsEveryReplicaRunningAndTheSignInTrace()
    {
        Assert.SkipUnless(Chromium.IsInstalled, Chromium.SkipReason);

        // Arrange
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        await SignInThroughWebAsync(traceId);
        await WaitForTraceAsync(traceId, IsComplete);
        var loginUrl = await DashboardLoginUrlAsync();
        using var playwright = await Playwright.CreateAsync().WaitAsync(Chromium.StepTimeout, Token);
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout((float)Chromium.StepTimeout.TotalMilliseconds);

        // Act: the login link signs the browser in and lands on the resources page
        await page.GotoAsync(loginUrl.ToString());
        await page.WaitForURLAsync(new Regex("/$|/resources"));
        foreach (var shown in TestTopology.ResourceNames.SelectMany(DisplayNames))
        {
            await Assertions.Expect(page.GetByText(shown, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.GetByText("Running", new() { Exact = true }).Filter(new() { Visible = true }).First).ToBeVisibleAsync();
        var resourcesText = await page.Locator("body").InnerTextAsync();
        await Screenshots.SaveAsync(page, "dashboard-resources");
        await page.GotoAsync(new Uri(loginUrl, $"/traces/detail/{traceId}").ToString());
        await Assertions.Expect(page.GetByText("session.commit").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("gateway").First).ToBeVisibleAsync();
        var screenshot = await Screenshots.SaveAsync(page, "dashboard-sign-in-trace");

        // Assert
        Assert.DoesNotContain("Failed", resourcesText, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhealthy", resourcesText, StringComparison.Ordinal);
        // No error banner: every project serves plain http and says so (WithoutHttpsCertificate), so the AppHost has
        // no development certificate to miss.
        Assert.DoesNotContain("development certificate", resourcesText, StringComparison.OrdinalIgnoreCase);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the trace page was rendered");
    }

    /// <summary>
    /// Signs <see cref="TestTopology.UserName"/> in as a browser does: the gateway's /Login, the identity provider's
    /// sign-in page, its answer back through the gateway; every request under one trace id. The status of the page
    /// the browser lands on.
    /// </summary>
    private async Task<HttpStatusCode> SignInThroughWebAsync(string traceId)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            Timeout = TestTopology.StepTimeout,
        };
        var (status, address, throughProvider) = await SessionApp.Smoke.ProviderSignIn.SignInAsync(
            client,
            App.GetEndpoint("gateway", "http"),
            TestTopology.UserName,
            TestTopology.Password,
            Token,
            request => request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01"));
        Assert.True(throughProvider, $"the sign-in went through the identity provider (ended at {address})");
        return status;
    }

    /// <summary>Polls the dashboard's telemetry API until the trace satisfies <paramref name="done"/> (exports come in batches, about every second).</summary>
    private async Task<IReadOnlyList<TraceSpan>> WaitForTraceAsync(string traceId, Func<IReadOnlyList<TraceSpan>, bool> done)
    {
        using var dashboard = new HttpClient { BaseAddress = await DashboardUrlAsync(), Timeout = TestTopology.StepTimeout };
        dashboard.DefaultRequestHeaders.Add("x-api-key", TestTopology.DashboardApiKey);
        var deadline = Stopwatch.StartNew();
        IReadOnlyList<TraceSpan> spans = [];
        while (deadline.Elapsed < TelemetryWait)
        {
            using var response = await dashboard.GetAsync($"/api/telemetry/traces/{traceId}", Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                spans = TraceSpan.Parse(await response.Content.ReadAsStringAsync(Token));
                if (done(spans))
                {
                    return spans;
                }
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }

            await Task.Delay(500, Token);
        }

        return spans;
    }

    /// <summary>
    /// The sign-in's trace: the gateway and web servers, the identity provider's server (its sign-in page, and the
    /// token request web sends it with the code), and the engine's spans in web with the Redis commands they sent
    /// (the answer rotates the session and stores the ticket there).
    /// </summary>
    private static bool IsComplete(IReadOnlyList<TraceSpan> spans) =>
        spans.Any(s => s.Service == "gateway" && s.Kind == 2)
        && spans.Any(s => s.Service == "web" && s.Kind == 2)
        && spans.Any(s => s.Service == "identity" && s.Kind == 2)
        && spans.Any(s => s.Service == "web" && s.Kind == 3 && s.Name.StartsWith("POST", StringComparison.Ordinal))
        && spans.Any(s => s.Service == "web" && s.Scope == "SessionApp.Sessions")
        && spans.Any(s => s.Service == "web" && s.DbSystem == "redis" && s.Scope != "SessionApp.Sessions");

    /// <summary>How the dashboard lists a resource: by its name when it has one instance, by each replica's id otherwise.</summary>
    private IEnumerable<string> DisplayNames(string resourceName)
    {
        var replicas = TestTopology.Replicas(App, resourceName).Keys.ToArray();
        return replicas.Length > 1 ? replicas : [resourceName];
    }

    private async Task<Uri> DashboardUrlAsync()
    {
        var login = await DashboardLoginUrlAsync();
        return new Uri(login.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>The login URL the AppHost logs and the dashboard resource shows: its address with the browser token.</summary>
    private async Task<Uri> DashboardLoginUrlAsync()
    {
        var dashboard = await App.ResourceNotifications.WaitForResourceAsync(
            "aspire-dashboard", e => e.Snapshot.Urls.Any(u => u.Url.Contains("/login?t=", StringComparison.Ordinal)), Token)
            .WaitAsync(TestTopology.StepTimeout, Token);
        return new Uri(dashboard.Snapshot.Urls.First(u => u.Url.Contains("/login?t=", StringComparison.Ordinal)).Url);
    }

    /// <summary>One span of an OTLP JSON trace: the service that sent it, its instrumentation scope, name, kind and <c>db.system</c>.</summary>
    private sealed record TraceSpan(string Service, string Scope, string Name, int Kind, string? DbSystem, ulong Start)
    {
        public static List<TraceSpan> Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            var spans = new List<TraceSpan>();
            foreach (var resourceSpans in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
            {
                var service = Attribute(resourceSpans.GetProperty("resource"), "service.name") ?? "?";
                foreach (var scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
                {
                    var scope = scopeSpans.GetProperty("scope").GetProperty("name").GetString() ?? "?";
                    foreach (var span in scopeSpans.GetProperty("spans").EnumerateArray())
                    {
                        spans.Add(new TraceSpan(
                            service,
                            scope,
                            span.GetProperty("name").GetString() ?? "?",
                            span.TryGetProperty("kind", out var kind) ? kind.GetInt32() : 0,
                            Attribute(span, "db.system") ?? Attribute(span, "db.system.name"),
                            ulong.Parse(span.GetProperty("startTimeUnixNano").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }
            }

            return spans;
        }

        private static string? Attribute(JsonElement owner, string key)
        {
            if (!owner.TryGetProperty("attributes", out var attributes))
            {
                return null;
            }

            foreach (var attribute in attributes.EnumerateArray())
            {
                if (attribute.GetProperty("key").GetString() == key && attribute.GetProperty("value").TryGetProperty("stringValue", out var value))
                {
                    return value.GetString();
                }
            }

            return null;
        }
    }
}
