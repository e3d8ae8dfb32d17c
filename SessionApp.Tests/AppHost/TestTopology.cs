using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.AppHost;

/// <summary>
/// Starts the real AppHost (its very <c>Program.cs</c>) through Aspire.Hosting.Testing for one test: DCP runs
/// redis-server, the identity provider, two api, two web and the gateway as processes; the store keeps its files in a
/// fresh folder.
/// </summary>
internal static class TestTopology
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The web home page, which the gateway sends to web; it names the signed-in user.</summary>
    public const string WebPath = "/";

    /// <summary>The signed-in user as the API sees it; the gateway sends it to api.</summary>
    public const string ApiPath = "/api/auth/me";

    /// <summary>The development administrator the local identity provider seeds (and SessionApp.Api in Development).</summary>
    public const string UserName = "alice";

    /// <summary>Her development password.</summary>
    public const string Password = "alice-pass-1";

    /// <summary>The resources of the AppHost's model, one line each.</summary>
    public static readonly string[] ResourceNames = ["sessions", "identity", "api", "web", "gateway"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// Builds the AppHost's model for a test: the session store's files in a new temporary folder, the dashboard
    /// off unless asked for (then on free ports, with a known telemetry API key), logs of warnings and above in the
    /// test output.
    /// </summary>
    public static async Task<IDistributedApplicationTestingBuilder> CreateBuilderAsync(bool dashboard = false, params string[] extraArgs)
    {
        string[] args =
        [
            $"SessionStore:DataDirectory={Directory.CreateTempSubdirectory("sessionapp-store-").FullName}",
            .. dashboard ? DashboardArguments() : [],
            .. extraArgs,
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SessionApp_AppHost>(
            args,
            (options, _) => options.DisableDashboard = !dashboard,
            Token);
        builder.Services.AddLogging(logging => logging
            .ClearProviders()
            .AddProvider(new TestOutputLoggerProvider())
            .SetMinimumLevel(LogLevel.Warning));
        return builder;
    }

    /// <summary>Starts the topology and waits until every resource is healthy.</summary>
    public static async Task<DistributedApplication> StartAsync(bool dashboard = false, params string[] extraArgs)
    {
        var builder = await CreateBuilderAsync(dashboard, extraArgs);
        return await StartAsync(builder);
    }

    public static async Task<DistributedApplication> StartAsync(IDistributedApplicationTestingBuilder builder)
    {
        var app = await builder.BuildAsync(Token);
        ResourceStates.Watch(app, app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping);
        try
        {
            await app.StartAsync(Token).WaitAsync(StartTimeout, Token);
            var present = builder.Resources.Select(r => r.Name).ToHashSet();
            await Task.WhenAll(ResourceNames.Where(present.Contains).Select(name =>
                app.ResourceNotifications.WaitForResourceHealthyAsync(name, Token))).WaitAsync(StartTimeout, Token);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A client of the gateway with its own cookie jar, as one browser, signed in as <see cref="UserName"/>
    /// through the gateway.
    /// </summary>
    public static async Task<HttpClient> SignedInClientAsync(DistributedApplication app)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = app.GetEndpoint("gateway", "http"),
            Timeout = StepTimeout,
        };
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = UserName, password = Password }, Token);
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

        var body = await response.Content.ReadAsStringAsync(Token);
        return body.Contains($"\"userName\":\"{UserName}\"", StringComparison.Ordinal)
            || body.Contains($"data-testid=\"user-name\">{UserName}<", StringComparison.Ordinal);
    }

    /// <summary>The <c>X-Instance</c> header of a response, naming the replica that served it.</summary>
    public static string Instance(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Instance", out var values) ? values.Single() : "(none)";

    /// <summary>The latest snapshot of every replica of <paramref name="resourceName"/>, by replica id (e.g. <c>api-rbjhsqvn</c>).</summary>
    public static IReadOnlyDictionary<string, CustomResourceSnapshot> Replicas(DistributedApplication app, string resourceName) =>
        ResourceStates.Of(app).Instances(resourceName);

    /// <summary>The process id of a running replica, from its snapshot's <c>executable.pid</c> property.</summary>
    public static int? ProcessId(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, out var pid) => pid,
            _ => null,
        };

    private static string[] DashboardArguments() =>
    [
        $"ASPNETCORE_URLS=http://localhost:{FreePort.Next()}",
        $"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:{FreePort.Next()}",
        $"ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:{FreePort.Next()}",
        $"AppHost:DashboardApiKey={DashboardApiKey}",
    ];

    /// <summary>The dashboard telemetry API's key in tests that turn the dashboard on.</summary>
    public const string DashboardApiKey = "sessionapp-tests-dashboard-key";
}
