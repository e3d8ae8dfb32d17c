using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SessionApp.Smoke;

/// <summary>
/// One browser: an HTTP client with its own cookie jar (browser rules: a Secure cookie never goes over plain HTTP),
/// no redirects followed, every response handed to the smoke test's check before it is read.
/// </summary>
internal sealed partial class SmokeBrowser : IDisposable
{
    public const string InstanceHeader = "X-Instance";
    private readonly HttpClient _client;
    private readonly Func<string, HttpResponseMessage, string, Task> _inspect;

    public SmokeBrowser(Uri baseUrl, TimeSpan timeout, Func<string, HttpResponseMessage, string, Task> inspect, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        BaseUrl = baseUrl;
        _inspect = inspect;
        _client = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = baseUrl,
            Timeout = timeout,
        };
    }

    public Uri BaseUrl { get; }

    public CookieContainer Cookies { get; }

    /// <summary>Another browser holding a copy of this one's cookies as they are now, as a stolen or stale cookie would be.</summary>
    public SmokeBrowser WithCopiedCookies(TimeSpan timeout)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in Cookies.GetAllCookies())
        {
            copy.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain) { Secure = cookie.Secure, HttpOnly = cookie.HttpOnly });
        }

        return new SmokeBrowser(BaseUrl, timeout, _inspect, copy);
    }

    /// <summary>The web home page, which names the signed-in user.</summary>
    public async Task<Observation> GetWebHomeAsync(CancellationToken cancellationToken)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, "/", "text/html", null, cancellationToken);
        using (response)
        {
            var user = UserNamePattern().Match(body);
            return new Observation("web", Instance(response), response.StatusCode, user.Success ? WebUtility.HtmlDecode(user.Groups[1].Value) : null);
        }
    }

    /// <summary>The API's view of the signed-in user.</summary>
    public async Task<Observation> GetApiMeAsync(CancellationToken cancellationToken)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, "/api/auth/me", "application/json", null, cancellationToken);
        using (response)
        {
            string? user = null;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var json = JsonDocument.Parse(body);
                user = json.RootElement.GetProperty("userName").GetString();
            }

            return new Observation("api", Instance(response), response.StatusCode, user);
        }
    }

    /// <summary>
    /// Signs in as a person would: through the site's identity provider when it has one (its sign-in page filled in,
    /// <see cref="ProviderSignIn"/>), otherwise with the API's password sign-in. <see cref="HttpStatusCode.OK"/> when
    /// signed in.
    /// </summary>
    public async Task<HttpStatusCode> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var provider = await ProviderSignIn.SignInAsync(_client, BaseUrl, userName, password, cancellationToken);
        if (provider.ThroughProvider)
        {
            return provider.Address.Authority == BaseUrl.Authority ? provider.Status : HttpStatusCode.Unauthorized;
        }

        var (response, _) = await SendAsync(HttpMethod.Post, "/api/auth/login", "application/json", JsonContent.Create(new { userName, password }), cancellationToken);
        using (response)
        {
            return response.StatusCode;
        }
    }

    public async Task<HttpStatusCode> SignOutAsync(CancellationToken cancellationToken)
    {
        var (response, _) = await SendAsync(HttpMethod.Post, "/api/auth/logout", "application/json", null, cancellationToken);
        using (response)
        {
            return response.StatusCode;
        }
    }

    /// <summary>Signs every other session of the user out; the number revoked, or null when the API refused.</summary>
    public async Task<int?> RevokeOthersAsync(CancellationToken cancellationToken)
    {
        var (response, body) = await SendAsync(HttpMethod.Post, "/api/sessions/revoke-others", "application/json", null, cancellationToken);
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("revoked").GetInt32();
        }
    }

    /// <summary>The session's opaque id as the API reports it.</summary>
    public async Task<string?> SessionIdAsync(CancellationToken cancellationToken)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, "/api/session", "application/json", null, cancellationToken);
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("id").GetString();
        }
    }

    public async Task<HttpStatusCode> PutItemAsync(string key, string value, CancellationToken cancellationToken)
    {
        var (response, _) = await SendAsync(HttpMethod.Put, $"/api/session/items/{key}", "application/json", JsonContent.Create(value), cancellationToken);
        using (response)
        {
            return response.StatusCode;
        }
    }

    public async Task<HttpStatusCode> GetItemStatusAsync(string key, CancellationToken cancellationToken)
    {
        var (response, _) = await SendAsync(HttpMethod.Get, $"/api/session/items/{key}", "application/json", null, cancellationToken);
        using (response)
        {
            return response.StatusCode;
        }
    }

    public void Dispose() => _client.Dispose();

    private static string? Instance(HttpResponseMessage response) =>
        response.Headers.TryGetValues(InstanceHeader, out var values) ? values.FirstOrDefault() : null;

    private async Task<(HttpResponseMessage Response, string Body)> SendAsync(
        HttpMethod method, string path, string accept, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Accept.ParseAdd(accept);
        HttpResponseMessage response;
        string body;
        try
        {
            response = await _client.SendAsync(request, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SmokeFailedException($"{method} {path} got no answer: {ex.Message}", ex);
        }

        try
        {
            await _inspect($"{method} {path}", response, body);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return (response, body);
    }

    [GeneratedRegex("""data-testid="user-name">([^<]+)<""", RegexOptions.CultureInvariant)]
    private static partial Regex UserNamePattern();
}
