using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Identity;

/// <summary>What the provider refuses, each with the OAuth error OpenIddict gives.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class RefusalTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private const string Mismatch = "That user name and password don&#x27;t match.";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_WrongPassword_ShowsTheErrorWith401AndSetsNoCookie()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        using var authorize = await flow.Browser.GetAsync(OidcFlow.AuthorizePath(Pkce.New(), "state-1"), Token);

        // Act
        using var login = await flow.PostLoginAsync(authorize.Headers.Location!, "alice", "bob-pass-1");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains(Mismatch, await login.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.DoesNotContain(login.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], cookie => cookie.StartsWith("sessionapp.idp=", StringComparison.Ordinal));
        using var again = await flow.Browser.GetAsync(OidcFlow.AuthorizePath(Pkce.New(), "state-2"), Token);
        Assert.Equal("/account/login", again.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Login_UnknownUser_AnswersAsAWrongPasswordDoes()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var loginPage = new Uri(fixture.Provider.Address, "/account/login");

        // Act
        using var login = await flow.PostLoginAsync(loginPage, "mallory", "alice-pass-1");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains(Mismatch, await login.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ReturnUrlOnAnotherSite_GoesToTheProvidersHomeInstead()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var loginPage = new Uri(fixture.Provider.Address, QueryHelpers.AddQueryString("/account/login", "returnUrl", "http://attacker.example/"));

        // Act
        using var login = await flow.PostLoginAsync(loginPage, "alice", "alice-pass-1");

        // Assert
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_IsRefusedWithoutRedirecting()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var authorize = OidcFlow.AuthorizePath(Pkce.New(), "state-1", redirectUri: "http://localhost:5080/elsewhere");

        // Act
        using var response = await flow.Browser.GetAsync(authorize, Token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("error:invalid_request", body, StringComparison.Ordinal);
        Assert.Contains("'redirect_uri'", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "The mandatory 'code_challenge' parameter is missing.")]
    [InlineData("plain", "The specified 'code_challenge_method' is not supported.")]
    public async Task Authorize_WithoutAnS256Challenge_IsRefusedWithInvalidRequest(string? method, string description)
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var authorize = OidcFlow.AuthorizePath(Pkce.New(), "state-1", method: method);

        // Act
        using var response = await flow.Browser.GetAsync(authorize, Token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("error:invalid_request", body, StringComparison.Ordinal);
        Assert.Contains(description, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_CodeUsedTwice_IsRefusedWithInvalidGrantAndRevokesWhatTheFirstUseIssued()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var pkce = Pkce.New();
        var code = OidcFlow.Code(await flow.SignInAsync("alice", "alice-pass-1", pkce, "state-1"));
        var first = await flow.RedeemAsync(code, pkce.Verifier);

        // Act
        var second = await flow.RedeemAsync(code, pkce.Verifier);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("invalid_grant", second.Error);
        Assert.Equal("invalid_grant", (await flow.RefreshAsync(first.RefreshToken!)).Error);
    }

    [Fact]
    public async Task Token_WrongCodeVerifier_IsRefusedWithInvalidGrant()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var code = OidcFlow.Code(await flow.SignInAsync("alice", "alice-pass-1", Pkce.New(), "state-1"));

        // Act
        var tokens = await flow.RedeemAsync(code, Pkce.New().Verifier);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.Equal("invalid_grant", tokens.Error);
        Assert.Null(tokens.AccessToken);
    }

    [Fact]
    public async Task Token_WrongClientSecret_IsRefusedWithInvalidClient()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var pkce = Pkce.New();
        var code = OidcFlow.Code(await flow.SignInAsync("alice", "alice-pass-1", pkce, "state-1"));

        // Act
        var tokens = await flow.RedeemAsync(code, pkce.Verifier, secret: "not-the-secret-not-the-secret-not-it");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, tokens.Status);
        Assert.Equal("invalid_client", tokens.Error);
        Assert.Null(tokens.AccessToken);
    }
}
