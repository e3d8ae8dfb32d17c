using System.Net.Http.Json;
using SessionApp.AppHost;
using SessionApp.AppHost.CommandLine;
using SessionApp.AppHost.Testing;

namespace SessionApp.Tests.AppHost;

/// <summary>Starts the real topology for one test: already-built Api and Web, real redis-server, output to the test log.</summary>
internal static class TestTopology
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The web home page, which the gateway sends to web; it names the signed-in user.</summary>
    public const string WebPath = "/";

    /// <summary>The signed-in user as the API sees it; the gateway sends it to api.</summary>
    public const string ApiPath = "/api/auth/me";

    /// <summary>The demo administrator SessionApp.Api seeds from its appsettings.json.</summary>
    public const string UserName = "alice";

    /// <summary>
    /// A client of the gateway with its own cookie jar, as one browser, signed in as <see cref="UserName"/>
    /// through the gateway.
    /// </summary>
    public static async Task<HttpClient> SignedInClientAsync(DistributedApplication app)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = app.GetEndpoint("gateway"),
            Timeout = StepTimeout,
        };
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = UserName, password = "alice-pass-1" }, TestContext.Current.CancellationToken);
        login.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Whether a response through the gateway shows the session of <see cref="UserName"/>.</summary>
    public static async Task<bool> ShowsSignedInUserAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return body.Contains($"\"userName\":\"{UserName}\"", StringComparison.Ordinal)
            || body.Contains($"data-testid=\"user-name\">{UserName}<", StringComparison.Ordinal);
    }

    public static AppHostOptions Options(ITestOutputHelper output) => new()
    {
        NoBuild = true,
        Store = StoreKind.Redis,
        WorkingDirectory = Directory.CreateTempSubdirectory("sessionapp-apphost-").FullName,
        StartTimeout = TimeSpan.FromSeconds(30),
        Output = line =>
        {
            // Per-request framework lines (health probes every second) drown the test log.
            if (!line.Contains("Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal)
                && !line.Contains("Microsoft.AspNetCore.Routing.EndpointMiddleware", StringComparison.Ordinal))
            {
                output.WriteLine(line);
            }
        },
    };

    public static Task<DistributedApplication> StartAsync(ITestOutputHelper output) =>
        TopologyTestHost.StartAsync(Options(output), TestContext.Current.CancellationToken).WaitAsync(StartTimeout, TestContext.Current.CancellationToken);

    /// <summary>The <c>X-Instance</c> header of a response, naming the replica that served it.</summary>
    public static string Instance(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Instance", out var values) ? values.Single() : "(none)";
}
