using SessionApp.AppHost;
using SessionApp.AppHost.CommandLine;
using SessionApp.AppHost.Testing;

namespace SessionApp.Tests.AppHost;

/// <summary>Starts the real topology for one test: already-built Api and Web, real redis-server, output to the test log.</summary>
internal static class TestTopology
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    /// <summary>A path the gateway sends to web; the response names the web replica (body and X-Instance).</summary>
    public const string WebPath = "/alive";

    /// <summary>A path the gateway sends to api; the response names the api replica (body and X-Instance).</summary>
    public const string ApiPath = "/api/session";

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
