using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionApp.Gateway.Routing;
using SessionApp.Tests.Infrastructure;
using SessionApp.Tests.ServiceDefaults;

namespace SessionApp.Tests.Gateway;

/// <summary>
/// The real gateway (its Program, YARP and its transforms) on real Kestrel, forwarding to a service on real Kestrel
/// that echoes the headers it received: the gateway writes the forwarded headers as the AWS load balancer does.
/// </summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class LoadBalancerHeadersTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Forward_ClientWithForgedHeaders_AppendsTheAddressItSawSetsSchemeAndPortDropsHostAndSendsTheSecret()
    {
        // Arrange
        await using var service = await PlainApp.StartAsync(MapEcho);
        await using var gateway = await StartGatewayAsync(new Uri(service.Urls.Single()));
        using var client = gateway.CreateClient(new CookieContainer());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Port", "443");
        request.Headers.Add(TrustedProxy.Header, "a-guess-of-the-secret-that-is-long-enough");

        // Act
        using var response = await client.SendAsync(request, Token);
        var seen = await response.Content.ReadFromJsonAsync<Seen>(Token);

        // Assert: the ALB's append mode keeps the client's entry and adds the address it saw, last
        Assert.NotNull(seen);
        Assert.Equal(["6.6.6.6", "127.0.0.1"], seen.ForwardedFor.Split(',', StringSplitOptions.TrimEntries));
        Assert.Equal("http", seen.ForwardedProto);
        Assert.Equal(gateway.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), seen.ForwardedPort);
        Assert.Null(seen.ForwardedHost);
        Assert.Equal($"127.0.0.1:{gateway.Address.Port}", seen.Host);
        Assert.Equal(TrustedProxy.Secret, seen.Secret);
    }

    [Fact]
    public async Task Response_AnyPath_CarriesNoServerHeader()
    {
        // Arrange
        await using var service = await PlainApp.StartAsync(MapEcho);
        await using var gateway = await StartGatewayAsync(new Uri(service.Urls.Single()));
        using var client = gateway.CreateClient(new CookieContainer());

        // Act
        using var proxied = await client.GetAsync("/echo", Token);
        using var own = await client.GetAsync("/health", Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.Empty(proxied.Headers.Server);
        Assert.Empty(own.Headers.Server);
    }

    private static Task<ServiceInstance<GatewayOptions>> StartGatewayAsync(Uri destination) =>
        ServiceInstance<GatewayOptions>.StartAsync("127.0.0.1:1", "gateway", "unused", new Dictionary<string, string?>
        {
            // As the AppHost writes them: the gateway's one route and cluster, and this run's proxy secret.
            ["ReverseProxy:Routes:echo:ClusterId"] = "echo",
            ["ReverseProxy:Routes:echo:Match:Path"] = "/{**catch-all}",
            ["ReverseProxy:Clusters:echo:Destinations:echo:Address"] = destination.ToString(),
            ["ForwardedHeaders:ProxySecret"] = TrustedProxy.Secret,
        });

    private static void MapEcho(WebApplication app)
    {
        // Like the services, which send no Server header of their own.
        app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader = false;
        app.MapFallback((HttpContext context) => new Seen(
        context.Request.Headers["X-Forwarded-For"].ToString(),
        Header(context, "X-Forwarded-Proto"),
        Header(context, "X-Forwarded-Port"),
        Header(context, "X-Forwarded-Host"),
        context.Request.Host.Value ?? "",
        Header(context, TrustedProxy.Header)));
    }

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private sealed record Seen(string ForwardedFor, string? ForwardedProto, string? ForwardedPort, string? ForwardedHost, string Host, string? Secret);
}
