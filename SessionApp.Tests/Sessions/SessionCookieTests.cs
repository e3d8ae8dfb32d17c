using System.Net;
using SessionApp.Sessions.Configuration;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

public sealed class SessionCookieTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SecureCookie_CarriesTheHostPrefixAndTheSecureFlag()
    {
        // Arrange
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o =>
        {
            o.CookieSecurity = SessionCookieSecurity.Always;
            o.CookieName = "shop";
        });
        using var client = app.CreateClient();

        // Act
        using var response = await client.PutAsync("/values/k", new StringContent("v"), Token);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-shop=", cookie, StringComparison.Ordinal);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AResponseIssuingAnId_InTheCookieOrTheHeader_MayNotBeCached()
    {
        // Arrange
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.HeaderName = "X-Session-Id");
        using var client = app.CreateClient();

        // Act
        using var issuing = await client.PutAsync("/values/k", new StringContent("v"), Token);
        using var reading = await client.GetAsync("/values/k", Token);

        // Assert
        Assert.True(issuing.Headers.Contains("Set-Cookie"));
        Assert.True(issuing.Headers.Contains("X-Session-Id"));
        Assert.True(issuing.Headers.CacheControl is { NoStore: true, NoCache: true });
        Assert.Equal("no-cache", Assert.Single(issuing.Headers.GetValues("Pragma")));
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
        Assert.False(reading.Headers.Contains("Set-Cookie"));
        Assert.Null(reading.Headers.CacheControl);
    }

    [Fact]
    public async Task StaleCookie_OfAnEndedSession_IsDeleted()
    {
        // Arrange
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString);
        using var client = new HttpClient { BaseAddress = app.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/values/k");
        request.Headers.Add("Cookie", "sessionapp.sid=" + new string('A', 43));

        // Act
        using var response = await client.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("sessionapp.sid=;", cookie, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StaleCookie_WhenTheResponseAlreadySetsANewOne_IsNotDeletedAfterIt()
    {
        // Arrange
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString);
        using var client = new HttpClient { BaseAddress = app.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/relay-cookie");
        request.Headers.Add("Cookie", "sessionapp.sid=" + new string('A', 43));

        // Act
        using var response = await client.SendAsync(request, Token);

        // Assert
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("sessionapp.sid=relayed-from-another-service", cookie, StringComparison.Ordinal);
    }
}
