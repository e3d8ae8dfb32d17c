using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Sessions.Users;
using OidcFlow = SessionApp.Tests.Identity.OidcFlow;

namespace SessionApp.Tests.SignIn;

/// <summary>What the tests of sign-in read from the site's parts: the tokens in the store, the provider's verdict on a token, the logs.</summary>
internal static class SignInAssertions
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The provider tokens of each of the user's sessions, by session handle, read from the store as an instance reads them.</summary>
    public static async Task<IReadOnlyDictionary<string, ProviderTokens>> TokensAsync(this SignInSite site, string userId)
    {
        var sessions = site.Web1.Services.GetRequiredService<ISessionManager>();
        var values = await sessions.ReadEachAsync(userId, ProviderTokens.SessionKey, cancellationToken: Token);
        return values.ToDictionary(static v => v.Handle, static v => ProviderTokens.FromBytes(v.Value) ?? throw new InvalidOperationException("Unreadable tokens."));
    }

    /// <summary>The user's live sessions, as "Your devices" lists them.</summary>
    public static async Task<int> SessionCountAsync(this SignInSite site, string userId) =>
        (await site.Web2.Services.GetRequiredService<ISessionManager>().ListAsync(userId, cancellationToken: Token)).Count;

    /// <summary>
    /// What the provider's token endpoint answers to a refresh with <paramref name="refreshToken"/> (as the client,
    /// with its secret): the status and the <c>error</c>, if any. Note that a successful refresh rolls the token.
    /// </summary>
    public static async Task<(HttpStatusCode Status, string? Error)> TryRefreshAtProviderAsync(this SignInSite site, string refreshToken)
    {
        using var flow = new OidcFlow(site.Provider);
        var result = await flow.RefreshAsync(refreshToken);
        return (result.Status, result.Error);
    }

    /// <summary>Whether the provider's userinfo endpoint accepts <paramref name="accessToken"/>.</summary>
    public static async Task<HttpStatusCode> UserInfoStatusAsync(this SignInSite site, string accessToken)
    {
        using var client = new HttpClient { BaseAddress = site.Provider.Address, Timeout = IdentityInstance.StepTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await client.SendAsync(request, Token);
        return response.StatusCode;
    }

    /// <summary>The messages of the audit trail's events named <paramref name="eventName"/>, logged after <paramref name="from"/> entries.</summary>
    public static IReadOnlyList<string> Audit(this SignInSite site, string eventName, int from = 0) =>
        [.. site.Log.Entries.Skip(from).Where(e => e.Category == AuditTrail.Category && e.EventId.Name == eventName).Select(static e => e.Message)];

    /// <summary>How many times the provider issued tokens to <paramref name="userName"/> for a refresh, after <paramref name="from"/> entries.</summary>
    public static int RefreshesAtProvider(this SignInSite site, string userName, int from = 0) =>
        site.Log.Entries.Skip(from).Count(e => e.EventId.Name == "TokensIssued"
            && e.Category.StartsWith("SessionApp.Identity", StringComparison.Ordinal)
            && e.Message.Contains($" {userName} ", StringComparison.Ordinal)
            && e.Message.Contains("(refresh_token)", StringComparison.Ordinal));

    /// <summary>Posts to an API endpoint as the browser's page would (JSON, no body), returning the status and JSON answer.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostApiAsync(this SignInBrowser browser, Uri api, string path)
    {
        using var response = await browser.Client.PostAsync(new Uri(api, path), JsonContent.Create(new { }), Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        return (response.StatusCode, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }
}
