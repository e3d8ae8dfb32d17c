using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.ServiceDefaults;

public sealed class ForwardedHeadersTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public ForwardedHeadersTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Request_FromLoadBalancerWithForwardedHeaders_AppSeesClientSchemeHostAndAddress()
    {
        // Arrange
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(_redis.Server), MapEcho);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "sessions.example.com");

        // Act
        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var seen = await response.Content.ReadFromJsonAsync<Seen>(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(new Seen("https", "sessions.example.com", "203.0.113.7"), seen);
    }

    [Fact]
    public async Task Request_FromPeerOutsideKnownNetworks_HeadersIgnored()
    {
        // Arrange
        await using var app = await ServiceDefaultsApp.StartAsync(
            Settings.For(_redis.Server, ("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8")), MapEcho);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");

        // Act
        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var seen = await response.Content.ReadFromJsonAsync<Seen>(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(new Seen("http", $"127.0.0.1:{app.Address.Port}", "127.0.0.1"), seen);
    }

    private static void MapEcho(WebApplication app) =>
        app.MapGet("/echo", (HttpContext context) => new Seen(
            context.Request.Scheme,
            context.Request.Host.Value ?? "",
            context.Connection.RemoteIpAddress?.ToString() ?? ""));

    private sealed record Seen(string Scheme, string Host, string RemoteAddress);
}
