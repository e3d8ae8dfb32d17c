using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionApp.AppHost.Model;
using Yarp.ReverseProxy.Health;

namespace SessionApp.AppHost.Gateway;

/// <summary>
/// YARP inside the AppHost on one loopback port: the local stand-in for the AWS Application Load Balancer.
/// Round-robin, no affinity, active health checks every second, passive health and retries, X-Forwarded-* headers.
/// </summary>
internal sealed class GatewayHost(GatewayResource gateway, int port, Func<Resource, IReadOnlyList<(string Name, Uri Url)>> destinationsOf) : IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (routes, clusters) = GatewayConfig.Create(gateway, destinationsOf);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, FirstFailurePassivePolicy>();
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);

        var app = builder.Build();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<RetryMiddleware>();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new Orchestration.AppHostException($"{gateway.Name}: port {port} on 127.0.0.1 is already in use ({ex.Message}).", ex);
        }

        _app = app;
    }

    public async Task StopAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
