using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Identity;

/// <summary>Signing out at the provider: the cookie ends, and the browser goes back only where the client registered.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class EndSessionTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logout_RegisteredPostLogoutUri_RedirectsThereWithTheStateAndEndsTheSignIn()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var tokens = await flow.SignInAndRedeemAsync("alice", "alice-pass-1");

        // Act
        using var logout = await flow.Browser.GetAsync(LogoutPath(TestClient.PostLogoutRedirectUri, "bye-1", tokens.IdToken), Token);

        // Assert
        Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
        Assert.Equal(TestClient.PostLogoutRedirectUri, logout.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal("bye-1", OidcFlow.Query(logout.Headers.Location, "state"));
        using var authorize = await flow.Browser.GetAsync(OidcFlow.AuthorizePath(Pkce.New(), "after"), Token);
        Assert.Equal(HttpStatusCode.Found, authorize.StatusCode);
        Assert.Equal("/account/login", authorize.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Logout_UnregisteredPostLogoutUri_IsRefusedWithoutRedirectingAndKeepsTheSignIn()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        await flow.SignInAsync("alice", "alice-pass-1", Pkce.New(), "state-1");

        // Act
        using var logout = await flow.Browser.GetAsync(LogoutPath("http://attacker.example/landing", "bye-2", idToken: null), Token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Null(logout.Headers.Location);
        var body = await logout.Content.ReadAsStringAsync(Token);
        Assert.Contains("error:invalid_request", body, StringComparison.Ordinal);
        Assert.Contains("'post_logout_redirect_uri'", body, StringComparison.Ordinal);
        using var authorize = await flow.Browser.GetAsync(OidcFlow.AuthorizePath(Pkce.New(), "still"), Token);
        Assert.Equal(TestClient.RedirectUri, authorize.Headers.Location!.GetLeftPart(UriPartial.Path));
    }

    private static string LogoutPath(string postLogoutRedirectUri, string state, string? idToken)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = TestClient.ClientId,
            ["post_logout_redirect_uri"] = postLogoutRedirectUri,
            ["state"] = state,
        };
        if (idToken is not null)
        {
            parameters["id_token_hint"] = idToken;
        }

        return QueryHelpers.AddQueryString("/connect/logout", parameters);
    }
}
