using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.ServiceDefaults;

public sealed class ForwardedHeadersTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public ForwardedHeadersTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Request_FromTrustedProxyWithItsSecret_AppSeesClientSchemeAndAddressButNotAClaimedHost()
    {
        // Arrange: trusted as the AppHost trusts the gateway locally
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(_redis.Server, [.. TrustedProxy.Settings.Select(s => (s.Key, s.Value))]), MapEcho);
        using var request = Forged();
        request.Headers.Add(TrustedProxy.Header, TrustedProxy.Secret);

        // Act
        var seen = await SendAsync(app, request);

        // Assert
        Assert.Equal(new Seen("https", $"127.0.0.1:{app.Address.Port}", "203.0.113.7", false), seen);
    }

    [Fact]
    public async Task Request_DefaultSettingsFromLoopback_HeadersIgnored()
    {
        // Arrange: nothing configured trusts nobody, loopback included
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(_redis.Server), MapEcho);
        using var request = Forged();

        // Act
        var seen = await SendAsync(app, request);

        // Assert
        Assert.Equal(new Seen("http", $"127.0.0.1:{app.Address.Port}", "127.0.0.1", false), seen);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("a-guess-of-the-secret-that-is-long-enough")]
    public async Task Request_FromTrustedNetworkWithoutTheSecret_HeadersIgnoredAndSecretHeaderRemoved(string? presented)
    {
        // Arrange: locally every client is on loopback; the secret is what tells the gateway apart
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(_redis.Server, [.. TrustedProxy.Settings.Select(s => (s.Key, s.Value))]), MapEcho);
        using var request = Forged();
        if (presented is not null)
        {
            request.Headers.Add(TrustedProxy.Header, presented);
        }

        // Act
        var seen = await SendAsync(app, request);

        // Assert
        Assert.Equal(new Seen("http", $"127.0.0.1:{app.Address.Port}", "127.0.0.1", false), seen);
    }

    [Fact]
    public async Task Request_FromPeerOutsideKnownNetworks_HeadersIgnored()
    {
        // Arrange
        await using var app = await ServiceDefaultsApp.StartAsync(
            Settings.For(_redis.Server, ("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8")), MapEcho);
        using var request = Forged();

        // Act
        var seen = await SendAsync(app, request);

        // Assert
        Assert.Equal(new Seen("http", $"127.0.0.1:{app.Address.Port}", "127.0.0.1", false), seen);
    }

    /// <summary>
    /// The AWS case: the load balancer, at an address in the VPC, appends the address it saw after whatever the
    /// client wrote. No client here can connect from 10.0.1.5 (a socket binds only to this machine's addresses), so
    /// the request is an <see cref="HttpContext"/> with that peer, run through the pipeline the service's host builds
    /// from its start-up filters, the forwarded-header step among them, with the settings the stack writes to SSM.
    /// </summary>
    [Fact]
    public async Task Request_FromLoadBalancerInTheVpc_TakesTheBalancersEntryNotTheClients()
    {
        // Arrange: ForwardedHeaders/KnownNetworks/0 as SettingsParameters writes it (the VPC CIDR)
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(_redis.Server, ("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/16")));
        var pipeline = ServicePipeline(app.Services, out var seen);
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.1.5");
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("sessions.example.com");
        context.Request.Path = "/echo";
        context.Request.Headers["X-Forwarded-For"] = "6.6.6.6, 203.0.113.9";
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["X-Forwarded-Host"] = "evil.example"; // the balancer sends none: the client wrote it

        // Act
        await pipeline(context);

        // Assert
        Assert.Equal(new Seen("https", "sessions.example.com", "203.0.113.9", false), seen());
    }

    private static RequestDelegate ServicePipeline(IServiceProvider services, out Func<Seen?> seen)
    {
        Seen? captured = null;
        Action<IApplicationBuilder> configure = app => app.Run(context =>
        {
            captured = See(context);
            return Task.CompletedTask;
        });
        foreach (var filter in services.GetServices<IStartupFilter>().Reverse())
        {
            configure = filter.Configure(configure);
        }

        var builder = new ApplicationBuilder(services);
        configure(builder);
        seen = () => captured;
        return builder.Build();
    }

    private static HttpRequestMessage Forged()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "sessions.example.com");
        return request;
    }

    private static async Task<Seen?> SendAsync(ServiceDefaultsApp app, HttpRequestMessage request)
    {
        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return await response.Content.ReadFromJsonAsync<Seen>(TestContext.Current.CancellationToken);
    }

    private static void MapEcho(WebApplication app) => app.MapGet("/echo", (HttpContext context) => See(context));

    private static Seen See(HttpContext context) => new(
        context.Request.Scheme,
        context.Request.Host.Value ?? "",
        context.Connection.RemoteIpAddress?.ToString() ?? "",
        context.Request.Headers.ContainsKey(TrustedProxy.Header));

    private sealed record Seen(string Scheme, string Host, string RemoteAddress, bool SecretHeaderVisible);
}
