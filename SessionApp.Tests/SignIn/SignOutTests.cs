using System.Net;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.SignIn;

/// <summary>
/// Signing out and revoking sessions when users sign in with the provider: the sessions end on every instance at
/// once, the provider refuses their refresh tokens afterwards, and signing out ends the provider's own session too.
/// </summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class SignOutTests(SignInSiteFixture fixture) : IClassFixture<SignInSiteFixture>
{
    private SignInSite Site => fixture.Site;

    [Fact]
    public async Task SignOut_OnAWebInstance_EndsTheSessionEverywhereRevokesItsRefreshTokenAndEndsTheProvidersSession()
    {
        // Arrange
        using var browser = Site.CreateBrowser();
        await browser.SignInAsync(Site.Web1.Address, "alice", "alice-pass-1");
        var me = await browser.MeAsync(Site.Api2.Address);
        var handle = await SignInTests.SessionHandleOfAsync(Site, browser);
        var tokens = (await Site.TokensAsync(me.UserId!))[handle];
        var auditFrom = Site.Log.Entries.Count;

        // Act
        var visited = await browser.SignOutAsync(Site.Web2.Address);

        // Assert: through the provider's end-session and back to the shop's home page
        Assert.Equal(Site.Provider.Address.Authority, visited[0].Authority);
        Assert.Equal("/connect/logout", visited[0].AbsolutePath);
        Assert.Equal(new Uri(Site.Web2.Address, "/"), visited[^1]);

        // Assert: signed out on every instance, the refresh token refused by the provider
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.MeAsync(Site.Api1.Address)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.MeAsync(Site.Api2.Address)).Status);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await Site.TryRefreshAtProviderAsync(tokens.RefreshToken!));
        var signedOut = Assert.Single(Site.Audit("SignedOut", auditFrom));
        Assert.Contains(handle, signedOut, StringComparison.Ordinal);
        Assert.EndsWith("provider refresh token revoked: True", signedOut, StringComparison.Ordinal);

        // Assert: the provider's session ended, so signing in again asks for the password
        using var login = await browser.Client.GetAsync(new Uri(Site.Web1.Address, "/Login"), TestContext.Current.CancellationToken);
        var next = await browser.FollowAsync(login);
        Assert.Equal(Site.Provider.Address.Authority, next[^1].Authority);
        Assert.DoesNotContain(next, static address => address.AbsolutePath == "/signin-oidc");
        var page = await browser.PageAsync(next[^1]);
        Assert.Contains("type=\"password\"", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeOthers_FromOneBrowser_SignsTheOtherOutAndTheProviderRefusesItsRefreshToken()
    {
        // Arrange: bob on two browsers
        using var laptop = Site.CreateBrowser();
        using var phone = Site.CreateBrowser();
        await laptop.SignInAsync(Site.Web1.Address, "bob", "bob-pass-1");
        await phone.SignInAsync(Site.Web2.Address, "bob", "bob-pass-1");
        var bob = (await laptop.MeAsync(Site.Api1.Address)).UserId!;
        var phoneHandle = await SignInTests.SessionHandleOfAsync(Site, phone);
        var laptopHandle = await SignInTests.SessionHandleOfAsync(Site, laptop);
        var phoneTokens = (await Site.TokensAsync(bob))[phoneHandle];
        var auditFrom = Site.Log.Entries.Count;

        // Act
        var (status, body) = await laptop.PostApiAsync(Site.Api2.Address, "/api/sessions/revoke-others");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.MeAsync(Site.Api1.Address)).Status);
        Assert.Equal(HttpStatusCode.OK, (await laptop.MeAsync(Site.Api1.Address)).Status);
        Assert.Equal([laptopHandle], (await Site.TokensAsync(bob)).Keys);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await Site.TryRefreshAtProviderAsync(phoneTokens.RefreshToken!));
        var revoked = Assert.Single(Site.Audit("SessionsRevoked", auditFrom));
        Assert.Contains($"{bob} revoked others", revoked, StringComparison.Ordinal);
        Assert.Contains(laptopHandle, revoked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeAll_ByAnAdministrator_SignsEveryBrowserOfTheUserOutAndTheProviderRefusesTheirRefreshTokens()
    {
        // Arrange: bob on two browsers, alice (an administrator at the provider) on a third
        using var first = Site.CreateBrowser();
        using var second = Site.CreateBrowser();
        using var admin = Site.CreateBrowser();
        await first.SignInAsync(Site.Web1.Address, "bob", "bob-pass-1");
        await second.SignInAsync(Site.Web2.Address, "bob", "bob-pass-1");
        await admin.SignInAsync(Site.Web1.Address, "alice", "alice-pass-1");
        var bob = (await first.MeAsync(Site.Api1.Address)).UserId!;
        var bobsTokens = (await Site.TokensAsync(bob)).Values.ToList();

        // Act
        var (status, body) = await admin.PostApiAsync(Site.Api1.Address, $"/api/admin/users/{bob}/revoke");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(bobsTokens.Count, body.GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.MeAsync(Site.Api2.Address)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.MeAsync(Site.Api1.Address)).Status);
        Assert.Empty(await Site.TokensAsync(bob));
        foreach (var tokens in bobsTokens)
        {
            Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), await Site.TryRefreshAtProviderAsync(tokens.RefreshToken!));
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.MeAsync(Site.Api2.Address)).Status);
    }
}
