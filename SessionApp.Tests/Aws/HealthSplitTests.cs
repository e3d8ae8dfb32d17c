using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using SessionApp.Tests.Containers;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Aws;

/// <summary>
/// The template's health checks, played against the real API while its store goes away and comes back. ECS replaces a
/// task whose container health check fails or whose target group calls it unhealthy; both probe liveness, so a store
/// outage (a MemoryDB failover) replaces no task: the tasks keep answering 503 with Retry-After, and serve again when
/// the store is back. Readiness (<c>/health</c>, which the Aspire dashboard shows) does report the outage.
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed class HealthSplitTests(SynthesizedStackFixture stack, ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The api target group's probe (path and the status codes it counts as healthy) and the api container's health check command.</summary>
    private (string Path, string HealthyCodes, string ContainerCommand) ApiProbes()
    {
        var api = stack.Resources("AWS::ECS::TaskDefinition").Values.Select(t => t["Properties"]!["ContainerDefinitions"]![0]!)
            .Single(c => (string)c["Name"]! == "api");
        var command = api["HealthCheck"]!["Command"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Equal("CMD-SHELL", command[0]);
        var services = stack.Resources("AWS::ECS::Service").Values.Select(s => s["Properties"]!).Single(s => (string)s["ServiceName"]! == "api");
        var group = TemplateJson.Target(services["LoadBalancers"]![0]!["TargetGroupArn"])!;
        var target = stack.Resources("AWS::ElasticLoadBalancingV2::TargetGroup")[group]["Properties"]!;
        return ((string)target["HealthCheckPath"]!, (string)target["Matcher"]!["HttpCode"]!, command[1]);
    }

    /// <summary>Runs a CMD-SHELL health check as ECS does (<c>/bin/sh -c</c>), against <paramref name="port"/> instead of the container's 8080.</summary>
    private static async Task<int> ContainerCheckAsync(string command, int port)
    {
        var run = await ToolRun.RunAsync("/bin/sh", ["-c", command.Replace("/127.0.0.1/8080", $"/127.0.0.1/{port}", StringComparison.Ordinal)], ProbeTimeout);
        return run.ExitCode;
    }

    [Fact]
    public async Task StoreDown_NoProbeThatReplacesATaskFails_TheApiAnswers503_AndServesWhenTheStoreIsBack()
    {
        // Arrange
        var (path, healthyCodes, containerCommand) = ApiProbes();
        await using var redis = await RedisServerProcess.StartAsync(appendOnly: true);
        var port = FreePort.Next();
        var startInfo = PublishedServiceProcess.StartInfo("SessionApp.Api", port, new Dictionary<string, string>
        {
            ["ConnectionStrings__sessions"] = redis.ConnectionString,
            ["Sessions__UserHashKey"] = ApiInstance.TestUserHashKey,
            ["DataProtection__AllowUnprotectedKeys"] = "true",
            ["Sessions__StoreTimeout"] = "00:00:01",
        });
        using var process = Process.Start(startInfo)!;
        var log = Task.WhenAll(process.StandardOutput.ReadToEndAsync(Token), process.StandardError.ReadToEndAsync(Token));
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = ProbeTimeout,
        };
        // The load balancer's health checker: no cookies.
        using var loadBalancer = new HttpClient { BaseAddress = client.BaseAddress, Timeout = ProbeTimeout };
        try
        {
            await WaitForAsync(loadBalancer, "/alive", StartTimeout);
            using var stored = await client.PutAsJsonAsync("/api/session/items/greeting", "hello", Token);
            Assert.True(stored.IsSuccessStatusCode, $"PUT answered {(int)stored.StatusCode}");

            // Act: the store goes away.
            await redis.StopAsync();
            using var loadBalancerProbe = await loadBalancer.GetAsync(path, Token);
            var containerCheck = await ContainerCheckAsync(containerCommand, port);
            using var request = await client.GetAsync("/api/session/items/greeting", Token);
            using var readiness = await loadBalancer.GetAsync("/health", Token);

            // ...and comes back.
            await redis.StartAsync();
            var served = await WaitForAsync(client, "/api/session/items/greeting", RecoveryTimeout);
            using var probeAfter = await loadBalancer.GetAsync(path, Token);

            // Assert
            Assert.Equal("/alive", path);
            Assert.Equal(healthyCodes, ((int)loadBalancerProbe.StatusCode).ToString(CultureInfo.InvariantCulture));
            Assert.Equal(0, containerCheck);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, request.StatusCode);
            Assert.True(request.Headers.RetryAfter?.Delta > TimeSpan.Zero, "the 503 carries Retry-After");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
            Assert.Contains("hello", served, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, probeAfter.StatusCode);
            Assert.Equal(0, await ContainerCheckAsync(containerCommand, port));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Token).WaitAsync(ProbeTimeout, Token);
            output.WriteLine(string.Concat(await log.WaitAsync(ProbeTimeout, Token)));
        }
    }

    /// <summary>GETs <paramref name="path"/> until it answers 200 (a connection refused counts as not yet); the body.</summary>
    private static async Task<string> WaitForAsync(HttpClient client, string path, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(timeout);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(path, deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync(deadline.Token);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }
}
