using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SessionApp.Identity.Users;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Identity;

/// <summary>The authorization code flow with PKCE, end to end, as the Web front end will run it.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class CodeFlowTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authorize_SignedOut_SendsTheBrowserToTheSignInPage()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var authorize = OidcFlow.AuthorizePath(Pkce.New(), "state-1");

        // Act
        using var response = await flow.Browser.GetAsync(authorize, Token);

        // Assert
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var login = response.Headers.Location!;
        Assert.Equal("/account/login", login.AbsolutePath);
        Assert.Equal(authorize, OidcFlow.Query(login, "returnUrl"));
    }

    [Fact]
    public async Task Authorize_PromptNoneSignedOut_ReturnsLoginRequiredToTheClient()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var authorize = OidcFlow.AuthorizePath(Pkce.New(), "state-1") + "&prompt=none";

        // Act
        using var response = await flow.Browser.GetAsync(authorize, Token);

        // Assert
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(TestClient.RedirectUri, response.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal("login_required", OidcFlow.Query(response.Headers.Location, "error"));
        Assert.Equal("state-1", OidcFlow.Query(response.Headers.Location, "state"));
    }

    [Fact]
    public async Task SignIn_CorrectPassword_ReturnsToTheClientWithACodeAndTheSameState()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);

        // Act
        var callback = await flow.SignInAsync("alice", "alice-pass-1", Pkce.New(), "state-from-the-client");

        // Assert
        Assert.Equal(TestClient.RedirectUri, callback.GetLeftPart(UriPartial.Path));
        Assert.False(string.IsNullOrEmpty(OidcFlow.Query(callback, "code")));
        Assert.Equal("state-from-the-client", OidcFlow.Query(callback, "state"));
        Assert.Equal(fixture.Provider.Address.ToString(), OidcFlow.Query(callback, "iss"));
    }

    [Fact]
    public async Task Token_CodeWithVerifierAndSecret_IssuesSignedJwtsCarryingTheUsersClaims()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var pkce = Pkce.New();
        var callback = await flow.SignInAsync("alice", "alice-pass-1", pkce, "state-1");

        // Act
        var tokens = await flow.RedeemAsync(OidcFlow.Code(callback), pkce.Verifier);

        // Assert
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal("Bearer", tokens.Body.GetProperty("token_type").GetString());
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        var idToken = await ProviderTokens.ValidateAsync(fixture.Provider, tokens.IdToken!, audience: TestClient.ClientId);
        var accessToken = await ProviderTokens.ValidateAsync(fixture.Provider, tokens.AccessToken!, audience: null);
        foreach (var claims in new[] { idToken, accessToken })
        {
            Assert.Equal(SubjectIdentifier.For("alice"), claims.GetProperty("sub").GetString());
            Assert.Equal("Alice Admin", claims.GetProperty("name").GetString());
            Assert.Equal("alice", claims.GetProperty("preferred_username").GetString());
            Assert.Equal("alice@example.com", claims.GetProperty("email").GetString());
            Assert.Equal(JsonValueKind.Array, claims.GetProperty("groups").ValueKind);
            Assert.Equal(["admin"], claims.GetProperty("groups").EnumerateArray().Select(static group => group.GetString()));
        }

        Assert.Equal(TestClient.ClientId, accessToken.GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task Token_UserWithoutGroups_CarriesAnEmptyGroupsArray()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);

        // Act
        var tokens = await flow.SignInAndRedeemAsync("bob", "bob-pass-1");

        // Assert
        var idToken = await ProviderTokens.ValidateAsync(fixture.Provider, tokens.IdToken!, audience: TestClient.ClientId);
        Assert.Equal("Bob Buyer", idToken.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, idToken.GetProperty("groups").ValueKind);
        Assert.Empty(idToken.GetProperty("groups").EnumerateArray());
    }

    [Fact]
    public async Task Token_WithoutOfflineAccess_IssuesNoRefreshToken()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);

        // Act
        var tokens = await flow.SignInAndRedeemAsync("alice", "alice-pass-1", scope: "openid profile email");

        // Assert
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.NotNull(tokens.AccessToken);
        Assert.Null(tokens.RefreshToken);
    }

    [Fact]
    public async Task Authorize_AlreadySignedIn_IssuesACodeWithoutTheSignInPage()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        await flow.SignInAsync("alice", "alice-pass-1", Pkce.New(), "first");

        // Act
        using var again = await flow.Browser.GetAsync(OidcFlow.AuthorizePath(Pkce.New(), "second"), Token);

        // Assert
        Assert.Equal(HttpStatusCode.Found, again.StatusCode);
        Assert.Equal(TestClient.RedirectUri, again.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal("second", OidcFlow.Query(again.Headers.Location, "state"));
    }

    [Fact]
    public async Task UserInfo_WithTheAccessToken_DescribesTheUser()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var tokens = await flow.SignInAndRedeemAsync("alice", "alice-pass-1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        // Act
        using var response = await flow.Backchannel.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(SubjectIdentifier.For("alice"), user.GetProperty("sub").GetString());
        Assert.Equal("Alice Admin", user.GetProperty("name").GetString());
        Assert.Equal("alice", user.GetProperty("preferred_username").GetString());
        Assert.Equal("alice@example.com", user.GetProperty("email").GetString());
        Assert.Equal(["admin"], user.GetProperty("groups").EnumerateArray().Select(static group => group.GetString()));
    }

    [Fact]
    public async Task UserInfo_WithAForgedToken_IsRefusedWithInvalidToken()
    {
        // Arrange
        using var client = fixture.Provider.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");

        // Act
        using var response = await client.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
