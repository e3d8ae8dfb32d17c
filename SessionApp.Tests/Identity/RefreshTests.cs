using System.Net;
using System.Net.Http.Headers;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Identity;

/// <summary>Refresh tokens: rolling, the reuse leeway, replay and revocation, on short lifetimes.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class RefreshTests(ShortLifetimesFixture fixture) : IClassFixture<ShortLifetimesFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_AfterTheAccessTokenExpired_IssuesANewAccessTokenAndANewRefreshToken()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var first = await flow.SignInAndRedeemAsync("alice", "alice-pass-1");
        await Task.Delay(ShortLifetimesFixture.AccessTokenLifetime + TimeSpan.FromSeconds(1), Token);
        var expired = await UserInfoStatusAsync(flow, first.AccessToken!);

        // Act
        var refreshed = await flow.RefreshAsync(first.RefreshToken!);

        // Assert
        Assert.InRange(first.ExpiresIn!.Value, 1, (long)ShortLifetimesFixture.AccessTokenLifetime.TotalSeconds);
        Assert.Equal(HttpStatusCode.Unauthorized, expired);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.NotEqual(first.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await UserInfoStatusAsync(flow, refreshed.AccessToken!));
        var claims = await ProviderTokens.ValidateAsync(fixture.Provider, refreshed.IdToken!, audience: TestClient.ClientId);
        Assert.Equal(["admin"], claims.GetProperty("groups").EnumerateArray().Select(static group => group.GetString()));
    }

    [Fact]
    public async Task Refresh_SameTokenFromTwoInstancesAtOnce_BothSucceedWithinTheLeeway()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var tokens = await flow.SignInAndRedeemAsync("bob", "bob-pass-1");

        // Act
        var both = await Task.WhenAll(flow.RefreshAsync(tokens.RefreshToken!), flow.RefreshAsync(tokens.RefreshToken!));

        // Assert
        Assert.All(both, refreshed => Assert.Equal(HttpStatusCode.OK, refreshed.Status));
    }

    [Fact]
    public async Task Refresh_UsedTokenAfterTheLeeway_IsRefusedAndRevokesTheWholeChain()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var tokens = await flow.SignInAndRedeemAsync("bob", "bob-pass-1");
        var next = await flow.RefreshAsync(tokens.RefreshToken!);
        await Task.Delay(ShortLifetimesFixture.ReuseLeeway + TimeSpan.FromSeconds(1), Token);

        // Act
        var replay = await flow.RefreshAsync(tokens.RefreshToken!);

        // Assert
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_grant", replay.Error);
        var successor = await flow.RefreshAsync(next.RefreshToken!);
        Assert.Equal("invalid_grant", successor.Error);
    }

    [Fact]
    public async Task Revoke_TheRefreshToken_ALaterRefreshIsRefused()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var tokens = await flow.SignInAndRedeemAsync("alice", "alice-pass-1");

        // Act
        using var revoked = await flow.RevokeAsync(tokens.RefreshToken!);

        // Assert
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var refresh = await flow.RefreshAsync(tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.Status);
        Assert.Equal("invalid_grant", refresh.Error);
    }

    [Fact]
    public async Task Revoke_WithAWrongClientSecret_IsRefusedAndTheTokenStillWorks()
    {
        // Arrange
        using var flow = new OidcFlow(fixture.Provider);
        var tokens = await flow.SignInAndRedeemAsync("alice", "alice-pass-1");

        // Act
        using var revoked = await flow.RevokeAsync(tokens.RefreshToken!, secret: "not-the-secret-not-the-secret-not-it");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("invalid_client", await revoked.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await flow.RefreshAsync(tokens.RefreshToken!)).Status);
    }

    private static async Task<HttpStatusCode> UserInfoStatusAsync(OidcFlow flow, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await flow.Backchannel.SendAsync(request, Token);
        return response.StatusCode;
    }
}
