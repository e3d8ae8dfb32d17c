using System.Net;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.SignIn;

/// <summary>
/// The provider's answer (<c>/signin-oidc?code=…&amp;state=…</c>) tampered with, replayed, or delivered to a browser
/// that did not start the sign-in: each is refused with the "sign-in could not be completed" page (400), and no
/// session is made or changed.
/// </summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class CallbackTests(SignInSiteFixture fixture) : IClassFixture<SignInSiteFixture>
{
    private SignInSite Site => fixture.Site;

    [Fact]
    public async Task Callback_StateTamperedWith_RefusedWithTheSignInFailedPageAndNoSession()
    {
        // Arrange
        using var browser = Site.CreateBrowser();
        var callback = await browser.SignInUpToTheCallbackAsync(Site.Web1.Address, "bob", "bob-pass-1");
        var state = Identity.OidcFlow.Query(callback, "state")!;
        var tampered = Replace(callback, "state", state[..^2] + (state[^2] == 'A' ? 'B' : 'A') + state[^1]);
        var auditFrom = Site.Log.Entries.Count;

        // Act
        var (status, location) = await browser.GetAsync(tampered);

        // Assert
        await AssertRefusedAsync(browser, Site.Web1.Address, status, location);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.MeAsync(Site.Api1.Address)).Status);
        var failed = Assert.Single(Site.Audit("SignInFailed", auditFrom));
        Assert.Contains("(oidc) failed", failed, StringComparison.Ordinal);
        Assert.DoesNotContain(Identity.OidcFlow.Code(callback), failed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_ReplayedAfterItSignedIn_RefusedAndTheSessionUnchanged()
    {
        // Arrange: the answer delivered once, as it should be
        using var browser = Site.CreateBrowser();
        var callback = await browser.SignInUpToTheCallbackAsync(Site.Web2.Address, "alice", "alice-pass-1");
        var (delivered, _) = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, delivered);
        var me = await browser.MeAsync(Site.Api1.Address);
        var cookie = browser.SessionCookie();
        var handle = await SignInTests.SessionHandleOfAsync(Site, browser);
        var sessions = await Site.SessionCountAsync(me.UserId!);

        // Act
        var (status, location) = await browser.GetAsync(callback);

        // Assert
        await AssertRefusedAsync(browser, Site.Web2.Address, status, location);
        Assert.Equal(cookie, browser.SessionCookie());
        Assert.Equal(handle, await SignInTests.SessionHandleOfAsync(Site, browser));
        Assert.Equal((HttpStatusCode.OK, me.UserId), ((await browser.MeAsync(Site.Api2.Address)).Status, (await browser.MeAsync(Site.Api2.Address)).UserId));
        Assert.Equal(sessions, await Site.SessionCountAsync(me.UserId!));
    }

    [Fact]
    public async Task Callback_CodeRedeemedAlready_RefusedForTheBrowserThatStoleTheCookiesAndTheAnswer()
    {
        // Arrange: an attacker copies the victim's cookies (correlation and nonce too) and the answer; the victim signs in first
        using var victim = Site.CreateBrowser();
        using var attacker = Site.CreateBrowser();
        var callback = await victim.SignInUpToTheCallbackAsync(Site.Web1.Address, "bob", "bob-pass-1");
        victim.CopyCookiesTo(attacker);
        var (delivered, _) = await victim.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, delivered);
        var bob = (await victim.MeAsync(Site.Api1.Address)).UserId!;
        var sessions = await Site.SessionCountAsync(bob);
        var auditFrom = Site.Log.Entries.Count;

        // Act: the same code, a second time
        var (status, location) = await attacker.GetAsync(callback);

        // Assert
        await AssertRefusedAsync(attacker, Site.Web1.Address, status, location);
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.MeAsync(Site.Api2.Address)).Status);
        Assert.Equal(sessions, await Site.SessionCountAsync(bob));
        var failed = Assert.Single(Site.Audit("SignInFailed", auditFrom));
        Assert.EndsWith("failed: the provider answered invalid_grant", failed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_WithoutTheNonceCookie_RefusedAndNoSession()
    {
        // Arrange: a browser holding the correlation cookie but not the nonce cookie of the sign-in it delivers
        using var victim = Site.CreateBrowser();
        using var attacker = Site.CreateBrowser();
        var callback = await victim.SignInUpToTheCallbackAsync(Site.Web2.Address, "bob", "bob-pass-1");
        Assert.Single(victim.Cookies.GetAllCookies(), IsNonce);
        victim.CopyCookiesTo(attacker, leave: IsNonce);
        var auditFrom = Site.Log.Entries.Count;

        // Act
        var (status, location) = await attacker.GetAsync(callback);

        // Assert
        await AssertRefusedAsync(attacker, Site.Web2.Address, status, location);
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.MeAsync(Site.Api1.Address)).Status);
        Assert.Contains(Site.Audit("SignInFailed", auditFrom), static message => message.Contains("nonce", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsNonce(System.Net.Cookie cookie) => cookie.Name.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal);

    /// <summary>Refused: sent to <c>/SignInFailed</c>, which answers 400 saying nothing changed.</summary>
    private static async Task AssertRefusedAsync(SignInBrowser browser, Uri web, HttpStatusCode status, Uri? location)
    {
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/SignInFailed", location?.OriginalString);
        var page = await browser.PageAsync(new Uri(web, "/SignInFailed"));
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("The sign-in could not be completed", page.Body, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", page.Body, StringComparison.Ordinal);
    }

    private static Uri Replace(Uri address, string name, string value)
    {
        var query = System.Web.HttpUtility.ParseQueryString(address.Query);
        query[name] = value;
        return new UriBuilder(address) { Query = query.ToString() }.Uri;
    }
}
