using System.Net;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Web;

/// <summary>
/// With Redis stopped, a browser gets a clear 503 page with Retry-After and a JSON caller gets problem details; once
/// Redis is back (append-only, so it keeps its data) the same browser is still signed in. An unreachable API gives the
/// same page.
/// </summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class SessionOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);
    private Shop? _shop;

    private Shop Shop => _shop ?? throw new InvalidOperationException("The shop has not started.");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _shop = await Shop.StartAsync(appendOnly: true);

    public async ValueTask DisposeAsync()
    {
        if (_shop is not null)
        {
            await _shop.DisposeAsync();
        }
    }

    [Fact]
    public async Task Home_RedisStopped_BrowserGets503PageWithRetryAfter_AndStaysSignedInAfterRecovery()
    {
        // Arrange
        using var browser = Shop.CreateBrowser();
        await ShopBrowser.SignInAsync(browser.Web1, "alice", "alice-pass-1");
        await Shop.Redis.StopAsync();
        WebPage page;
        try
        {
            // Act
            page = await ShopBrowser.GetAsync(browser.Web2, "/");
        }
        finally
        {
            await Shop.Redis.StartAsync();
        }

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.True(int.TryParse(page.RetryAfter, out var seconds) && seconds > 0, $"Retry-After was '{page.RetryAfter}'.");
        Assert.Contains("We can&#x27;t reach your session right now", page.Html, StringComparison.Ordinal);
        Assert.Contains("Nothing was lost", page.Html, StringComparison.Ordinal);
        var after = await PollUntilOkAsync(browser.Web2, "/");
        Assert.Equal("alice", after.TestId("user-name"));
    }

    [Fact]
    public async Task Home_RedisStopped_JsonCallerGets503ProblemDetails()
    {
        // Arrange
        using var browser = Shop.CreateBrowser();
        await ShopBrowser.SignInAsync(browser.Web1, "bob", "bob-pass-1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("application/json");
        await Shop.Redis.StopAsync();
        HttpStatusCode status;
        string? mediaType;
        string body;
        try
        {
            // Act
            using var response = await browser.Web1.SendAsync(request, Token);
            status = response.StatusCode;
            mediaType = response.Content.Headers.ContentType?.MediaType;
            body = await response.Content.ReadAsStringAsync(Token);
        }
        finally
        {
            await Shop.Redis.StartAsync();
        }

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Contains("\"status\":503", body, StringComparison.Ordinal);
        await PollUntilOkAsync(browser.Web1, "/");
    }

    [Fact]
    public async Task Login_ApiUnreachable_BrowserGets503Page()
    {
        // Arrange
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using var web = await WebInstance.StartAsync(Shop.Redis.ConnectionString, "web-orphan", "web-test-orphan", WebInstance.CallingApi(nowhere));
        using var client = new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var form = await ShopBrowser.GetAsync(client, "/Login");

        // Act
        var page = await ShopBrowser.PostFormAsync(client, "/Login", form.AntiforgeryToken, ("Input.UserName", "alice"), ("Input.Password", "alice-pass-1"));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.NotNull(page.RetryAfter);
        Assert.Contains("Try again", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Login", "Input.UserName", "alice", "Input.Password", "alice-pass-1")]
    [InlineData("/Cart?handler=Add", "Input.Sku", "TEA-GREEN", "Input.Quantity", "1")]
    public async Task AnonymousPost_ApiUnreachableInDevelopment_BrowserGets503PageNotTheDeveloperPage(string action, string field1, string value1, string field2, string value2)
    {
        // Arrange: Development, where the developer exception page catches what reaches it
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var settings = WebInstance.CallingApi(nowhere);
        settings["environment"] = "Development";
        await using var web = await WebInstance.StartAsync(Shop.Redis.ConnectionString, "web-dev", "web-test-dev", settings);
        var cookies = new CookieContainer();
        cookies.Add(web.Address, new Cookie("tracking", "secret-cookie-value"));
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var form = await ShopBrowser.GetAsync(client, "/Login");

        // Act
        var page = await ShopBrowser.PostFormAsync(client, action, form.AntiforgeryToken, (field1, value1), (field2, value2));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.NotNull(page.RetryAfter);
        Assert.Contains("Try again", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiUnavailableException", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-cookie-value", page.Html, StringComparison.Ordinal);
    }

    private static async Task<WebPage> PollUntilOkAsync(HttpClient client, string path)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var page = await ShopBrowser.GetAsync(client, path);
            if (page.Status == HttpStatusCode.OK)
            {
                return page;
            }

            Assert.True(TimeProvider.System.GetElapsedTime(started) < RecoveryTimeout, $"{path} still answered {(int)page.Status} {RecoveryTimeout} after Redis came back.");
            await Task.Delay(250, Token);
        }
    }
}
