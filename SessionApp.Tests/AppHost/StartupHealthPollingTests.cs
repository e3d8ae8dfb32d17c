using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.AppHost;

/// <summary>
/// <c>WithStartupHealthPolling</c> on Aspire's own HTTP health check (the URL group check <c>WithHttpHealthCheck</c>
/// registers), against a real socket that first behaves like the DCP proxy of a service not listening yet (accepts, never
/// answers), then a real Kestrel server.
/// </summary>
public sealed class StartupHealthPollingTests
{
    private const string CheckName = "svc_http_/health_200_check";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_ServiceStartsAnsweringDuringTheCheck_OneCheckReportsHealthy()
    {
        // Arrange: the port accepts connections and never answers, as the proxy does before the service listens.
        var port = FreePort.Next();
        await using var app = BuildAppHost(port);
        var health = app.Services.GetRequiredService<HealthCheckService>();
        var silent = new TcpListener(IPAddress.Loopback, port);
        silent.Start();
        var held = HoldConnectionsAsync(silent);

        // Act: the check begins while nothing answers; the service starts answering 1.5 s later.
        var stopwatch = Stopwatch.StartNew();
        var check = health.CheckHealthAsync(r => r.Name == CheckName, Token);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Token);
        silent.Stop();
        await held;
        await using var service = await StartServiceAsync(port);
        var report = await check.WaitAsync(TimeSpan.FromSeconds(30), Token);
        stopwatch.Stop();

        // Assert: one check waited through the silent phase and saw the service, well before the URL check's own
        // 10 s timeout would have ended an attempt held by the silent socket.
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Check_AfterTheFirstPass_AFailureIsReportedByOneAttempt()
    {
        // Arrange: the service answers once, then is gone.
        var port = FreePort.Next();
        await using var app = BuildAppHost(port);
        var health = app.Services.GetRequiredService<HealthCheckService>();
        HealthReport first;
        await using (await StartServiceAsync(port))
        {
            first = await health.CheckHealthAsync(r => r.Name == CheckName, Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        }

        // Act
        var stopwatch = Stopwatch.StartNew();
        var second = await health.CheckHealthAsync(r => r.Name == CheckName, Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        stopwatch.Stop();

        // Assert: no retrying once started; the refused connection is reported at once, not after the window.
        Assert.Equal(HealthStatus.Healthy, first.Status);
        Assert.Equal(HealthStatus.Unhealthy, second.Status);
        Assert.True(stopwatch.Elapsed < Window / 2, $"the failure took {stopwatch.Elapsed} to report");
    }

    [Fact]
    public async Task Check_ServiceNeverAnswers_ReportsUnhealthyAtTheEndOfTheWindow()
    {
        // Arrange
        var port = FreePort.Next();
        await using var app = BuildAppHost(port, window: TimeSpan.FromSeconds(2));

        // Act
        var stopwatch = Stopwatch.StartNew();
        var report = await app.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(r => r.Name == CheckName, Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        stopwatch.Stop();

        // Assert: it kept trying for the window (so Aspire's monitor hears of the failure), then gave up.
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(2) - Interval, TimeSpan.FromSeconds(20));
    }

    private static DistributedApplication BuildAppHost(int port, TimeSpan? window = null)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            DisableDashboard = true,
            AssemblyName = typeof(Projects.SessionApp_AppHost).Assembly.GetName().Name,
        });
        builder.WithStartupHealthPolling(Interval, AttemptTimeout, window ?? Window);
        builder.Services.AddHealthChecks().AddUrlGroup(new Uri($"http://127.0.0.1:{port}/health"), CheckName);
        builder.AddResource(new ServiceResource("svc")).WithHealthCheck(CheckName);
        return builder.Build();
    }

    private static async Task HoldConnectionsAsync(TcpListener listener)
    {
        var accepted = new List<Socket>();
        try
        {
            while (true)
            {
                accepted.Add(await listener.AcceptSocketAsync(Token));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped: the service takes the port over.
        }
        finally
        {
            accepted.ForEach(socket => socket.Dispose());
        }
    }

    private static async Task<WebApplication> StartServiceAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var service = builder.Build();
        service.MapGet("/health", () => Results.Text("Healthy"));
        await service.StartAsync(Token);
        return service;
    }

    private sealed class ServiceResource(string name) : Resource(name);
}
