using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionApp.Smoke;

namespace SessionApp.Tests.SignIn;

/// <summary>
/// One browser of a <see cref="SignInSite"/>: one cookie jar for the site's instances and the provider, redirects
/// followed by hand. It can hold back the provider's answer (the redirect to <c>/signin-oidc</c>) instead of
/// delivering it, so a test can tamper with it, replay it or deliver it from another browser.
/// </summary>
public sealed class SignInBrowser : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly SignInSite _site;
    private readonly CallbackCatcher _catcher;

    internal SignInBrowser(SignInSite site, CookieContainer cookies)
    {
        _site = site;
        Cookies = cookies;
        _catcher = new CallbackCatcher(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false });
        Client = new HttpClient(_catcher) { Timeout = Timeout };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The browser's client: absolute addresses, no redirects followed.</summary>
    public HttpClient Client { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Signs in on <paramref name="web"/> through the provider's sign-in page; fails the test unless it lands back on the site.</summary>
    public async Task SignInAsync(Uri web, string userName, string password)
    {
        var (status, address, throughProvider) = await ProviderSignIn.SignInAsync(Client, web, userName, password, Token);
        Assert.True(throughProvider, "the site's /Login sent the browser to the provider's sign-in page");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(web.Authority, address.Authority);
    }

    /// <summary>
    /// Starts a sign-in on <paramref name="web"/> and signs in at the provider, but holds back the provider's answer:
    /// returns the <c>/signin-oidc</c> address (its code and state) it would have delivered.
    /// </summary>
    public async Task<Uri> SignInUpToTheCallbackAsync(Uri web, string userName, string password)
    {
        _catcher.Armed = true;
        try
        {
            var (_, address, throughProvider) = await ProviderSignIn.SignInAsync(Client, web, userName, password, Token);
            Assert.True(throughProvider);
            Assert.Equal("/signin-oidc", address.AbsolutePath);
            return address;
        }
        finally
        {
            _catcher.Armed = false;
        }
    }

    /// <summary>Sends a GET (the way a browser follows the provider's redirect) without following where it leads.</summary>
    public async Task<(HttpStatusCode Status, Uri? Location)> GetAsync(Uri address)
    {
        using var response = await Client.GetAsync(address, Token);
        return (response.StatusCode, response.Headers.Location);
    }

    /// <summary>A page of the site as HTML: its status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PageAsync(Uri address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await Client.SendAsync(request, Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>
    /// Signs out on <paramref name="web"/> as a person does (the sign-out page's form, its antiforgery token), then
    /// follows the redirects: returns every address visited after the post, the last one the page it ended on.
    /// </summary>
    public async Task<IReadOnlyList<Uri>> SignOutAsync(Uri web)
    {
        var form = await PageAsync(new Uri(web, "/Logout"));
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var token = new Web.WebPage(form.Status, form.Body, null, null, null).AntiforgeryToken;
        using var posted = await Client.PostAsync(
            new Uri(web, "/Logout"),
            new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]),
            Token);
        return await FollowAsync(posted);
    }

    /// <summary>Follows the redirects from <paramref name="response"/> (at most 10): the addresses visited, the last the page it ended on.</summary>
    public async Task<IReadOnlyList<Uri>> FollowAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var visited = new List<Uri>();
        var location = response.Headers.Location is { } first ? new Uri(response.RequestMessage!.RequestUri!, first) : null;
        for (var hop = 0; location is not null; hop++)
        {
            Assert.True(hop < 10, $"more than 10 redirects, the last to {location}");
            visited.Add(location);
            using var request = new HttpRequestMessage(HttpMethod.Get, location);
            request.Headers.Accept.ParseAdd("text/html");
            using var next = await Client.SendAsync(request, Token);
            location = next.Headers.Location is { } further ? new Uri(location, further) : null;
        }

        return visited;
    }

    /// <summary>The signed-in user as an API instance sees this browser's session: 200 with the user's id, or 401.</summary>
    public async Task<(HttpStatusCode Status, string? UserId, string? UserName, string[] Roles)> MeAsync(Uri api)
    {
        using var response = await Client.GetAsync(new Uri(api, "/api/auth/me"), Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null, null, []);
        }

        var me = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        return (
            response.StatusCode,
            me.GetProperty("userId").GetString(),
            me.GetProperty("userName").GetString(),
            [.. me.GetProperty("roles").EnumerateArray().Select(static role => role.GetString()!)]);
    }

    /// <summary>The value of the session cookie this browser holds for the site (null: none).</summary>
    public string? SessionCookie() =>
        Cookies.GetAllCookies().FirstOrDefault(static cookie => cookie.Name.EndsWith("sessionapp.sid", StringComparison.Ordinal))?.Value;

    /// <summary>Copies the cookies of this browser into <paramref name="other"/>, all but those <paramref name="leave"/> picks: a browser that stole them.</summary>
    public void CopyCookiesTo(SignInBrowser other, Func<Cookie, bool>? leave = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var cookie in Cookies.GetAllCookies().Where(cookie => leave?.Invoke(cookie) != true))
        {
            other.Cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }
    }

    public void Dispose() => Client.Dispose();

    /// <summary>Answers a request for <c>/signin-oidc</c> itself, with an empty 200, while armed: the answer is held back.</summary>
    private sealed class CallbackCatcher(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public bool Armed { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Armed && request.RequestUri?.AbsolutePath == "/signin-oidc"
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(string.Empty), RequestMessage = request })
                : base.SendAsync(request, cancellationToken);
    }
}
