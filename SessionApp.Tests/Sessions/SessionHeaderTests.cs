using System.Net;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

/// <summary>The session id in a request header, for clients that keep no cookies (<c>Sessions:HeaderName</c>).</summary>
public sealed class SessionHeaderTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Header = "X-Session-Id";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Header_CarriesTheIdOutAndIn_AcrossInstances_WithoutAnyCookie()
    {
        // Arrange
        await using var first = await StartAsync(Header);
        await using var second = await StartAsync(Header);
        using var onFirst = CookielessClient(first);
        using var onSecond = CookielessClient(second);

        // Act
        var id = await CreateAsync(onFirst, "v");
        var seen = await ReadAsync(onSecond, "k", id);

        // Assert
        Assert.Equal(43, id.Length);
        Assert.Equal((HttpStatusCode.OK, "v"), seen);
    }

    [Fact]
    public async Task Header_AfterRotation_CarriesTheNewIdAndTheOldOneIsEnded()
    {
        // Arrange
        await using var app = await StartAsync(Header);
        using var client = CookielessClient(app);
        var oldId = await CreateAsync(client, "v");

        // Act
        using var rotate = new HttpRequestMessage(HttpMethod.Post, "/rotate");
        rotate.Headers.Add(Header, oldId);
        using var rotated = await client.SendAsync(rotate, Token);
        var newId = Assert.Single(rotated.Headers.GetValues(Header));

        // Assert
        Assert.NotEqual(oldId, newId);
        Assert.Equal((HttpStatusCode.OK, "v"), await ReadAsync(client, "k", newId));
        Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync(client, "k", oldId)).Status);
    }

    [Fact]
    public async Task Header_WinsOverTheCookie()
    {
        // Arrange: two sessions, one to be named by its cookie and the other by its header
        await using var app = await StartAsync(Header);
        using var client = CookielessClient(app);
        using var first = await client.PutAsync("/values/k", new StringContent("by cookie"), Token);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie")).Split(';')[0];
        var id = await CreateAsync(client, "by header");

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Get, "/values/k");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add(Header, id);
        using var response = await client.SendAsync(request, Token);

        // Assert
        Assert.Equal("by header", await response.Content.ReadAsStringAsync(Token));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not an id")]
    [InlineData("")]
    public async Task Header_NamingNoLiveSession_StartsAFreshOneAndAnswersTheHeaderEmpty_LeavingTheCookieAlone(string presented)
    {
        // Arrange: the client also holds the cookie of a live session
        await using var app = await StartAsync(Header);
        using var client = CookielessClient(app);
        using var created = await client.PutAsync("/values/k", new StringContent("v"), Token);
        var cookie = Assert.Single(created.Headers.GetValues("Set-Cookie")).Split(';')[0];

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Get, "/values/k");
        request.Headers.Add("Cookie", cookie);
        request.Headers.TryAddWithoutValidation(Header, presented);
        using var response = await client.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(string.Empty, Assert.Single(response.Headers.GetValues(Header)));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Header_SentTwice_NamesNoSession()
    {
        // Arrange
        await using var app = await StartAsync(Header);
        using var client = CookielessClient(app);
        var id = await CreateAsync(client, "v");

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Get, "/values/k");
        request.Headers.TryAddWithoutValidation(Header, [id, id]);
        using var response = await client.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Header_WhenNotConfigured_IsIgnored()
    {
        // Arrange: both instances share Redis and the key prefix; only one reads the header
        await using var withHeader = await StartAsync(Header);
        await using var without = await StartAsync(headerName: null);
        using var creating = CookielessClient(withHeader);
        var id = await CreateAsync(creating, "v");

        // Act
        using var client = CookielessClient(without);
        var (status, _, answered) = await SendAsync(client, HttpMethod.Get, "/values/k", id);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Null(answered);
        Assert.Equal((HttpStatusCode.OK, "v"), await ReadAsync(creating, "k", id));
    }

    private Task<SessionTestApp> StartAsync(string? headerName) =>
        SessionTestApp.StartAsync(redis.ConnectionString, o => o.HeaderName = headerName).WaitAsync(TimeSpan.FromSeconds(30), Token);

    private static HttpClient CookielessClient(SessionTestApp app) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Creates a session holding <c>k</c> = <paramref name="value"/> and returns the id its response's header carries.</summary>
    private static async Task<string> CreateAsync(HttpClient client, string value)
    {
        using var created = await client.PutAsync("/values/k", new StringContent(value), Token);
        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        return Assert.Single(created.Headers.GetValues(Header));
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadAsync(HttpClient client, string key, string id)
    {
        var (status, body, _) = await SendAsync(client, HttpMethod.Get, $"/values/{key}", id);
        return (status, body);
    }

    private static async Task<(HttpStatusCode Status, string Body, string? Answered)> SendAsync(HttpClient client, HttpMethod method, string path, string id)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(Header, id);
        using var response = await client.SendAsync(request, Token);
        var answered = response.Headers.TryGetValues(Header, out var values) ? string.Join(",", values) : null;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token), answered);
    }
}
