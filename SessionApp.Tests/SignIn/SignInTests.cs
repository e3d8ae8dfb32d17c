using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.SignIn;

/// <summary>
/// Signing in with the provider (Authorization Code + PKCE) into the server-side session, and keeping the provider's
/// tokens fresh inside it: one session on every instance, the tokens never in a cookie, refreshed once across
/// instances, a refused refresh signing the user out.
/// </summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class SignInTests(SignInSiteFixture fixture) : IClassFixture<SignInSiteFixture>
{
    private SignInSite Site => fixture.Site;

    [Fact]
    public async Task SignIn_ThroughTheProvider_OneSessionOnEveryInstanceHoldingTheTokensServerSide()
    {
        // Arrange
        using var browser = Site.CreateBrowser();
        var auditFrom = Site.Log.Entries.Count;

        // Act
        await browser.SignInAsync(Site.Web1.Address, "alice", "alice-pass-1");

        // Assert: one session, the same on both APIs and the other Web instance, with the provider's groups as roles
        var onApi1 = await browser.MeAsync(Site.Api1.Address);
        var onApi2 = await browser.MeAsync(Site.Api2.Address);
        Assert.Equal(HttpStatusCode.OK, onApi1.Status);
        Assert.Equal(("alice", onApi1.UserId), (onApi2.UserName, onApi2.UserId));
        Assert.Contains("admin", onApi2.Roles);
        var home = await browser.PageAsync(new Uri(Site.Web2.Address, "/"));
        Assert.Contains("data-testid=\"user-name\">alice<", home.Body, StringComparison.Ordinal);

        // Assert: the tokens are in the store, and no cookie carries any of them
        var handle = await SessionHandleOfAsync(Site, browser);
        var tokens = (await Site.TokensAsync(onApi1.UserId!))[handle];
        Assert.NotNull(tokens.RefreshToken);
        Assert.NotNull(tokens.IdToken);
        Assert.Equal(HttpStatusCode.OK, await Site.UserInfoStatusAsync(tokens.AccessToken));
        var cookies = browser.Cookies.GetAllCookies().Select(static c => c.Value).ToList();
        Assert.All(cookies, value => Assert.DoesNotContain(value, new[] { tokens.AccessToken, tokens.RefreshToken, tokens.IdToken }));
        Assert.All(cookies, static value => Assert.DoesNotContain("eyJ", value, StringComparison.Ordinal));

        // Assert: the audit trail names the user and the session's handle, never the id the cookie carries
        var signedIn = Assert.Single(Site.Audit("SignedIn", auditFrom));
        Assert.Contains(onApi1.UserId!, signedIn, StringComparison.Ordinal);
        Assert.Contains(handle, signedIn, StringComparison.Ordinal);
        Assert.Contains("(oidc)", signedIn, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.SessionCookie()!, signedIn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_PastTheAccessTokensExpiry_RefreshedInsideTheSessionAndStillSignedIn()
    {
        // Arrange
        using var browser = Site.CreateBrowser();
        var (userId, handle, before) = await SignInAsync(browser, Site.Web2.Address, "bob", "bob-pass-1");
        var logFrom = Site.Log.Entries.Count;

        // Act: the scenario is a token that has expired, so wait until it has
        await Task.Delay(before.ExpiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, await Site.UserInfoStatusAsync(before.AccessToken));
        var after = await browser.MeAsync(Site.Api2.Address);

        // Assert
        Assert.Equal((HttpStatusCode.OK, userId), (after.Status, after.UserId));
        var refreshed = (await Site.TokensAsync(userId))[handle];
        Assert.NotEqual(before.AccessToken, refreshed.AccessToken);
        Assert.True(refreshed.ExpiresAt > DateTimeOffset.UtcNow, $"the new access token expires at {refreshed.ExpiresAt:O}");
        Assert.Equal(HttpStatusCode.OK, await Site.UserInfoStatusAsync(refreshed.AccessToken));
        Assert.Equal(1, Site.RefreshesAtProvider("bob", logFrom));
    }

    [Fact]
    public async Task Refresh_RequestsRacingOnFourInstances_TheProviderRefreshesOnce()
    {
        // Arrange: wait until the refresh window opens (the token still valid)
        using var browser = Site.CreateBrowser();
        var (userId, handle, before) = await SignInAsync(browser, Site.Web1.Address, "bob", "bob-pass-1");
        await Task.Delay(before.ExpiresAt - SignInSite.RefreshBefore - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        var logFrom = Site.Log.Entries.Count;

        // Act: eight requests at once, two on each instance
        Uri[] pages = [new(Site.Api1.Address, "/api/auth/me"), new(Site.Api2.Address, "/api/auth/me"), new(Site.Web1.Address, "/"), new(Site.Web2.Address, "/")];
        var answers = await Task.WhenAll(pages.Concat(pages).Select(browser.PageAsync));

        // Assert
        Assert.All(answers, static answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.All(answers, static answer => Assert.Contains("bob", answer.Body, StringComparison.Ordinal));
        Assert.Equal(1, Site.RefreshesAtProvider("bob", logFrom));
        var after = (await Site.TokensAsync(userId))[handle];
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.Null(after.RefreshClaimedUntil);
    }

    [Fact]
    public async Task Refresh_RefusedByTheProvider_SignsTheUserOutOnEveryInstance()
    {
        // Arrange: the provider revokes the session's refresh token (as when a user is disabled there)
        using var browser = Site.CreateBrowser();
        var (userId, handle, tokens) = await SignInAsync(browser, Site.Web1.Address, "alice", "alice-pass-1");
        using (var flow = new Identity.OidcFlow(Site.Provider))
        {
            using var revoked = await flow.RevokeAsync(tokens.RefreshToken!);
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        var auditFrom = Site.Log.Entries.Count;
        await Task.Delay(tokens.ExpiresAt - SignInSite.RefreshBefore - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

        // Act
        var onApi2 = await browser.MeAsync(Site.Api2.Address);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, onApi2.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.MeAsync(Site.Api1.Address)).Status);
        Assert.DoesNotContain(handle, await Site.TokensAsync(userId));
        var refused = Assert.Single(Site.Audit("RefreshRefused", auditFrom));
        Assert.Contains(handle, refused, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", refused, StringComparison.Ordinal);
    }

    /// <summary>Signs <paramref name="browser"/> in on <paramref name="web"/>: the user's id, the session's handle and the provider's tokens it holds.</summary>
    private async Task<(string UserId, string Handle, ProviderTokens Tokens)> SignInAsync(SignInBrowser browser, Uri web, string userName, string password)
    {
        await browser.SignInAsync(web, userName, password);
        var userId = (await browser.MeAsync(Site.Api1.Address)).UserId!;
        var handle = await SessionHandleOfAsync(Site, browser);
        return (userId, handle, (await Site.TokensAsync(userId))[handle]);
    }

    /// <summary>The handle of the browser's session, as the API's <c>/api/session</c> shows it.</summary>
    internal static async Task<string> SessionHandleOfAsync(SignInSite site, SignInBrowser browser)
    {
        using var response = await browser.Client.GetAsync(new Uri(site.Api1.Address, "/api/session"), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return session.GetProperty("id").GetString()!;
    }
}
