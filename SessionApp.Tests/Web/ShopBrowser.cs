using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace SessionApp.Tests.Web;

/// <summary>
/// One browser on the whole <see cref="Shop"/>: one cookie jar and a client on each instance, none following
/// redirects, the Web clients asking for HTML as a browser does.
/// </summary>
public sealed class ShopBrowser : IDisposable
{
    public const string DefaultUserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    internal ShopBrowser(Shop shop, CookieContainer cookies, string userAgent)
    {
        Cookies = cookies;
        Web1 = Create(shop.Web1.Address, cookies, userAgent, html: true);
        Web2 = Create(shop.Web2.Address, cookies, userAgent, html: true);
        Api1 = Create(shop.Api1.Address, cookies, userAgent, html: false);
        Api2 = Create(shop.Api2.Address, cookies, userAgent, html: false);
    }

    public CookieContainer Cookies { get; }

    public HttpClient Web1 { get; }

    public HttpClient Web2 { get; }

    public HttpClient Api1 { get; }

    public HttpClient Api2 { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<WebPage> GetAsync(HttpClient web, string path)
    {
        using var response = await web.GetAsync(new Uri(path, UriKind.Relative), Token);
        return await ReadAsync(response);
    }

    /// <summary>Posts a form as a browser would: URL-encoded fields plus the antiforgery token field, if given.</summary>
    public static async Task<WebPage> PostFormAsync(HttpClient web, string path, string? antiforgeryToken, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)).ToList();
        if (antiforgeryToken is not null)
        {
            values.Add(new("__RequestVerificationToken", antiforgeryToken));
        }

        using var content = new FormUrlEncodedContent(values);
        using var response = await web.PostAsync(new Uri(path, UriKind.Relative), content, Token);
        return await ReadAsync(response);
    }

    /// <summary>Opens <paramref name="path"/> and submits its form with <paramref name="fields"/>.</summary>
    public static async Task<WebPage> SubmitAsync(HttpClient web, string path, string action, params (string Name, string Value)[] fields)
    {
        var form = await GetAsync(web, path);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        return await PostFormAsync(web, action, form.AntiforgeryToken, fields);
    }

    /// <summary>Signs in through the sign-in page of <paramref name="web"/> and fails the test unless it redirected.</summary>
    public static async Task SignInAsync(HttpClient web, string userName, string password)
    {
        var result = await SubmitAsync(web, "/Login", "/Login", ("Input.UserName", userName), ("Input.Password", password));
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
    }

    /// <summary>Signs in straight on an API instance, as another app or device would.</summary>
    public static async Task SignInOnApiAsync(HttpClient api, string userName, string password)
    {
        using var response = await api.PostAsJsonAsync("/api/auth/login", new { userName, password }, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose()
    {
        Web1.Dispose();
        Web2.Dispose();
        Api1.Dispose();
        Api2.Dispose();
    }

    private static HttpClient Create(Uri address, CookieContainer cookies, string userAgent, bool html)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = Timeout,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        if (html)
        {
            client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        }
        else
        {
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        return client;
    }

    private static async Task<WebPage> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        await response.Content.ReadAsStringAsync(Token),
        response.Headers.Location,
        response.Headers.RetryAfter?.ToString(),
        response.Content.Headers.ContentType?.MediaType);
}
