using Microsoft.AspNetCore.Server.Kestrel.Core;
using SessionApp.Gateway.Health;
using SessionApp.Gateway.Routing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers and maps the gateway: YARP with the routes the AppHost declares.</summary>
public static class GatewayExtensions
{
    /// <summary>
    /// Adds YARP with its routes and clusters from the <c>ReverseProxy</c> section (the AppHost writes them from the
    /// gateway's <c>WithRoute</c> calls), destinations resolved through service discovery (<c>http://api</c> →
    /// <c>services:api:http:*</c>), the same health policy on every cluster (<see cref="ClusterHealthDefaults"/>),
    /// a new connection per forwarded request (<see cref="ConnectionPerRequestClientFactory"/>), the load balancer's
    /// forwarded headers (<see cref="LoadBalancerHeaders"/>) and no <c>Server</c> header, as the services send none.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, FirstFailurePassivePolicy>();
        builder.Services.AddSingleton<IProxyConfigFilter, ClusterHealthDefaults>();
        builder.Services.AddSingleton<IForwarderHttpClientFactory, ConnectionPerRequestClientFactory>();
        builder.Services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms<LoadBalancerHeaders>()
            .AddServiceDiscoveryDestinationResolver();

        return builder;
    }

    /// <summary>Maps the proxy: retry of idempotent requests first, then load balancing and passive health.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<RetryMiddleware>();
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });

        return app;
    }
}
