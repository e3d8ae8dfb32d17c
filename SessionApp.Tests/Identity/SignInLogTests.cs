using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Identity;

/// <summary>What the provider's log says about sign-ins: user names and stable event ids, never a password.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class SignInLogTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task SignIn_FailureThenSuccess_LogsUserNamesWithStableEventIdsAndNoPassword()
    {
        // Arrange
        using var log = new RecordingLoggerProvider();
        fixture.Provider.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        using var flow = new OidcFlow(fixture.Provider);
        using var authorize = await flow.Browser.GetAsync(OidcFlow.AuthorizePath(Pkce.New(), "state-1"), TestContext.Current.CancellationToken);
        using var failed = await flow.PostLoginAsync(authorize.Headers.Location!, "alice", "wrong-pass-9");

        // Act
        await flow.SignInAsync("bob", "bob-pass-1", Pkce.New(), "state-2");

        // Assert
        var entries = log.Entries.Where(static entry => entry.Category.StartsWith("SessionApp.Identity", StringComparison.Ordinal)).ToList();
        Assert.Contains(entries, static entry => entry.EventId.Id == 2 && entry.EventId.Name == "SignInFailed" && entry.Message.Contains("alice", StringComparison.Ordinal));
        Assert.Contains(entries, static entry => entry.EventId.Id == 1 && entry.EventId.Name == "SignInSucceeded" && entry.Message.Contains("bob", StringComparison.Ordinal));
        Assert.Contains(entries, static entry => entry.EventId.Id == 3 && entry.Message.Contains("bob", StringComparison.Ordinal) && entry.Message.Contains(TestClient.ClientId, StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, static entry => entry.Message.Contains("wrong-pass-9", StringComparison.Ordinal) || entry.Message.Contains("bob-pass-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_CodeThenRefresh_LogsEachIssueWithItsGrantTypeAndNoToken()
    {
        // Arrange
        using var log = new RecordingLoggerProvider();
        fixture.Provider.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        using var flow = new OidcFlow(fixture.Provider);
        var signedIn = await flow.SignInAndRedeemAsync("bob", "bob-pass-1");

        // Act
        var refreshed = await flow.RefreshAsync(signedIn.RefreshToken!);

        // Assert
        Assert.NotNull(refreshed.AccessToken);
        var issued = log.Entries.Where(static entry => entry.EventId.Id == 7 && entry.EventId.Name == "TokensIssued").Select(static entry => entry.Message).ToList();
        Assert.Contains(issued, static message => message.Contains("bob", StringComparison.Ordinal) && message.Contains("(authorization_code)", StringComparison.Ordinal));
        Assert.Contains(issued, static message => message.Contains("bob", StringComparison.Ordinal) && message.Contains("(refresh_token)", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, entry =>
            entry.Message.Contains(signedIn.RefreshToken!, StringComparison.Ordinal) || entry.Message.Contains(refreshed.AccessToken!, StringComparison.Ordinal));
    }
}
