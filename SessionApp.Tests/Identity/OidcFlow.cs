using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace SessionApp.Tests.Identity;

/// <summary>
/// Drives the provider as an OpenID Connect client and its user's browser would, with plain HTTP: the browser
/// (its own cookie jar, redirects looked at one by one) for authorize, sign-in and logout; a back channel without
/// cookies for the token and revocation endpoints.
/// </summary>
public sealed partial class OidcFlow(IdentityInstance provider) : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public HttpClient Browser { get; } = provider.CreateBrowser();

    public HttpClient Backchannel { get; } = provider.CreateBrowser();

    /// <summary>The authorization request a client sends the browser to; <paramref name="method"/> null leaves the challenge out.</summary>
    public static string AuthorizePath(Pkce pkce, string state, string redirectUri = TestClient.RedirectUri, string scope = TestClient.AllScopes, string? method = "S256")
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = TestClient.ClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["response_mode"] = "query",
            ["scope"] = scope,
            ["state"] = state,
        };
        if (method is not null)
        {
            parameters["code_challenge"] = method == "S256" ? pkce.Challenge : pkce.Verifier;
            parameters["code_challenge_method"] = method;
        }

        return QueryHelpers.AddQueryString("/connect/authorize", parameters);
    }

    /// <summary>
    /// Authorize → the sign-in page → the form posted with its antiforgery token → authorize again → the redirect to
    /// the client, whose address (with <c>code</c> and <c>state</c>) this returns.
    /// </summary>
    public async Task<Uri> SignInAsync(string userName, string password, Pkce pkce, string state, string scope = TestClient.AllScopes)
    {
        using var authorize = await Browser.GetAsync(AuthorizePath(pkce, state, scope: scope), Token);
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        Assert.Equal("/account/login", authorize.Headers.Location!.AbsolutePath);

        using var login = await PostLoginAsync(authorize.Headers.Location, userName, password);
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.StartsWith("/connect/authorize?", login.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var back = await Browser.GetAsync(login.Headers.Location, Token);
        Assert.Equal(HttpStatusCode.Found, back.StatusCode);
        return back.Headers.Location!;
    }

    /// <summary>Opens the sign-in page at <paramref name="loginPage"/> and posts its form (antiforgery token included) with these credentials.</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(Uri loginPage, string userName, string password)
    {
        var page = await Browser.GetStringAsync(loginPage, Token);
        var form = new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
        };
        var returnUrl = ReturnUrlField().Match(page);
        if (returnUrl.Success)
        {
            form["ReturnUrl"] = WebUtility.HtmlDecode(returnUrl.Groups[1].Value);
        }

        return await Browser.PostAsync(new Uri(Browser.BaseAddress!, loginPage.AbsolutePath), new FormUrlEncodedContent(form), Token);
    }

    /// <summary>Signs in and redeems the code: the whole code flow with PKCE.</summary>
    public async Task<TokenResult> SignInAndRedeemAsync(string userName, string password, string scope = TestClient.AllScopes)
    {
        var pkce = Pkce.New();
        var callback = await SignInAsync(userName, password, pkce, "state-1", scope);
        return await RedeemAsync(Code(callback), pkce.Verifier);
    }

    public Task<TokenResult> RedeemAsync(string code, string verifier, string secret = TestClient.ClientSecret) =>
        PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["redirect_uri"] = TestClient.RedirectUri,
            ["client_id"] = TestClient.ClientId,
            ["client_secret"] = secret,
        });

    public Task<TokenResult> RefreshAsync(string refreshToken) =>
        PostTokenAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = TestClient.ClientId,
            ["client_secret"] = TestClient.ClientSecret,
        });

    public async Task<HttpResponseMessage> RevokeAsync(string token, string secret = TestClient.ClientSecret) =>
        await Backchannel.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = TestClient.ClientId,
            ["client_secret"] = secret,
        }), Token);

    /// <summary>The <c>code</c> of the client's callback address.</summary>
    public static string Code(Uri callback) => Query(callback, "code") ?? throw new InvalidOperationException($"No code in {callback}.");

    /// <summary>One parameter of <paramref name="uri"/>'s query, if there.</summary>
    public static string? Query(Uri uri, string name) =>
        QueryHelpers.ParseQuery(uri.Query).TryGetValue(name, out var value) ? value.ToString() : null;

    public void Dispose()
    {
        Browser.Dispose();
        Backchannel.Dispose();
    }

    private async Task<TokenResult> PostTokenAsync(Dictionary<string, string> form)
    {
        using var response = await Backchannel.PostAsync("/connect/token", new FormUrlEncodedContent(form), Token);
        return new TokenResult(response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Token));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"ReturnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
