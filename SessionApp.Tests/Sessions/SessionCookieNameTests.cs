using System.Net;
using System.Text.Json;
using SessionApp.Sessions.Configuration;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// Which Cookie header entries name the session, on a real server and a real redis-server: only the exact name
/// (a <c>__Host-</c> prefix is case-sensitive in browsers), and a name sent twice names no one session, so the request
/// is refused and neither session is read or changed.
/// </summary>
public sealed class SessionCookieNameTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Name = "__Host-sessionapp.sid";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("__host-sessionapp.sid")]
    [InlineData("__HOST-SESSIONAPP.SID")]
    [InlineData("__Host-SessionApp.Sid")]
    public async Task CookieNameInAnotherCase_IsNotTheSessionCookie(string otherCase)
    {
        // Arrange
        await using var app = await StartAsync();
        var id = await CreateSessionAsync(app, "original");
        using var client = new HttpClient { BaseAddress = app.Address };

        // Act
        using var response = await SendAsync(client, HttpMethod.Get, "/values/k", $"{otherCase}={id}");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("original", await ReadAsync(client, id));
    }

    [Theory]
    [InlineData("{0}={1}; {0}={2}")]
    [InlineData("{0}={2}; other=1; {0}={1}")]
    [InlineData("{0}=\"{1}\"; {0}={2}")]
    public async Task SessionCookieSentTwice_IsRefusedWith400AndNeitherSessionChanges(string format)
    {
        // Arrange
        await using var app = await StartAsync();
        var first = await CreateSessionAsync(app, "first");
        var second = await CreateSessionAsync(app, "second");
        using var client = new HttpClient { BaseAddress = app.Address };
        var cookie = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Name, first, second);

        // Act
        using var response = await SendAsync(client, HttpMethod.Put, "/values/k", cookie, "tossed");
        var text = await response.Content.ReadAsStringAsync(Token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var problem = JsonDocument.Parse(text);
        Assert.Contains(Name, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("first", await ReadAsync(client, first));
        Assert.Equal("second", await ReadAsync(client, second));
    }

    [Fact]
    public async Task SessionCookieOnceBesideAnotherCasing_ReadsTheExactlyNamedOne()
    {
        // Arrange
        await using var app = await StartAsync();
        var real = await CreateSessionAsync(app, "real");
        var other = await CreateSessionAsync(app, "other");
        using var client = new HttpClient { BaseAddress = app.Address };

        // Act
        using var response = await SendAsync(client, HttpMethod.Get, "/values/k", $"{Name}={real}; __host-sessionapp.sid={other}");
        var value = await response.Content.ReadAsStringAsync(Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("real", value);
    }

    private Task<SessionTestApp> StartAsync() =>
        SessionTestApp.StartAsync(redis.ConnectionString, o => o.CookieSecurity = SessionCookieSecurity.Always);

    /// <summary>Starts a session holding <paramref name="value"/> under <c>k</c> and returns its id, as the cookie carries it.</summary>
    private static async Task<string> CreateSessionAsync(SessionTestApp app, string value)
    {
        using var client = new HttpClient { BaseAddress = app.Address };
        using var response = await client.PutAsync("/values/k", new StringContent(value), Token);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(Name + "=", setCookie, StringComparison.Ordinal);
        return setCookie[(Name.Length + 1)..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    private static async Task<string> ReadAsync(HttpClient client, string id)
    {
        using var response = await SendAsync(client, HttpMethod.Get, "/values/k", $"{Name}={id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Token);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string cookie, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body) };
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        return await client.SendAsync(request, Token);
    }
}
