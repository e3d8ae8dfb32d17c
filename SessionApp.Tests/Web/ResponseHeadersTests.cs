using System.Net;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Web;

/// <summary>
/// Every Web response, whatever produced it, carries the security headers a browser acts on and no server banner;
/// responses that hand out a session id are never cacheable; redirects never name the host the client claimed.
/// </summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class ResponseHeadersTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/", HttpStatusCode.OK)]
    [InlineData("GET", "/Login", HttpStatusCode.OK)]
    [InlineData("GET", "/Cart", HttpStatusCode.OK)]
    [InlineData("GET", "/css/site.css", HttpStatusCode.OK)]
    [InlineData("GET", "/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("GET", "/Devices", HttpStatusCode.Redirect)]
    [InlineData("GET", "/health", HttpStatusCode.OK)]
    [InlineData("POST", "/Login", HttpStatusCode.BadRequest)]
    public async Task AnyResponse_CarriesTheSecurityHeadersAndNoServerBanner(string method, string path, HttpStatusCode status)
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        // Act
        using var response = await browser.Web1.SendAsync(request, Token);

        // Assert
        Assert.Equal(status, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"), "no Server banner");
    }

    [Theory]
    [InlineData("/api/catalog", HttpStatusCode.OK)]
    [InlineData("/api/auth/me", HttpStatusCode.Unauthorized)]
    [InlineData("/health", HttpStatusCode.OK)]
    public async Task ApiResponse_IsNotSniffableNorFrameableAndHasNoServerBanner(string path, HttpStatusCode status)
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();

        // Act
        using var response = await browser.Api1.GetAsync(path, Token);

        // Assert
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.False(response.Headers.Contains("Server"), "no Server banner");
    }

    [Fact]
    public async Task Login_IssuingTheSessionId_IsMarkedUncacheable()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();

        // Act
        var form = await ShopBrowser.GetAsync(browser.Web1, "/Login");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "bob",
            ["Input.Password"] = "bob-pass-1",
            ["__RequestVerificationToken"] = form.AntiforgeryToken,
        });
        using var response = await browser.Web1.PostAsync("/Login", content, Token);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("sessionapp.sid=", StringComparison.Ordinal));
        Assert.True(response.Headers.CacheControl is { NoStore: true, NoCache: true }, $"Cache-Control was '{response.Headers.CacheControl}'");
        Assert.Contains("no-cache", response.Headers.Pragma.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstAddToCart_IssuingTheSessionId_IsMarkedUncacheable()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        var form = await ShopBrowser.GetAsync(browser.Web1, "/Cart");
        Assert.Null(browser.Cookies.GetCookies(fixture.Shop.Web1.Address)["sessionapp.sid"]);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Sku"] = "TEA-GREEN",
            ["Input.Quantity"] = "1",
            ["__RequestVerificationToken"] = form.AntiforgeryToken,
        });

        // Act
        using var response = await browser.Web1.PostAsync("/Cart?handler=Add", content, Token);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("sessionapp.sid=", StringComparison.Ordinal));
        Assert.True(response.Headers.CacheControl is { NoStore: true, NoCache: true }, $"Cache-Control was '{response.Headers.CacheControl}'");
    }

    [Theory]
    [InlineData("Host")]
    [InlineData("X-Forwarded-Host")]
    public async Task SignInRedirect_ClaimedHost_IsRelative(string header)
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Devices");
        if (header == "Host")
        {
            request.Headers.Host = "evil.example";
        }
        else
        {
            request.Headers.TryAddWithoutValidation(header, "evil.example");
        }

        // Act
        using var response = await browser.Web1.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Login?ReturnUrl=%2FDevices", response.Headers.Location?.OriginalString);
    }
}
