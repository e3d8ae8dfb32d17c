namespace SessionApp.Identity;

/// <summary>The provider's logs: user names and client ids only, never a password, token, code or secret.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "User {UserName} signed in at the provider.", EventName = "SignInSucceeded")]
    public static partial void SignInSucceeded(ILogger logger, string userName);

    [LoggerMessage(2, LogLevel.Warning, "A sign-in as {UserName} failed: the user name and password do not match.", EventName = "SignInFailed")]
    public static partial void SignInFailed(ILogger logger, string userName);

    [LoggerMessage(3, LogLevel.Information, "User {UserName} was authorized for client {ClientId}.", EventName = "AuthorizationIssued")]
    public static partial void AuthorizationIssued(ILogger logger, string userName, string clientId);

    [LoggerMessage(4, LogLevel.Information, "User {UserName} signed out at the provider.", EventName = "SignedOut")]
    public static partial void SignedOut(ILogger logger, string userName);

    [LoggerMessage(5, LogLevel.Information, "Client {ClientId} registered with {RedirectUriCount} redirect URI(s) and {PostLogoutRedirectUriCount} post-logout redirect URI(s).", EventName = "ClientRegistered")]
    public static partial void ClientRegistered(ILogger logger, string clientId, int redirectUriCount, int postLogoutRedirectUriCount);

    [LoggerMessage(6, LogLevel.Information, "{UserCount} user(s) can sign in.", EventName = "UsersLoaded")]
    public static partial void UsersLoaded(ILogger logger, int userCount);

    [LoggerMessage(7, LogLevel.Information, "Tokens issued to {UserName} for client {ClientId} ({GrantType}).", EventName = "TokensIssued")]
    public static partial void TokensIssued(ILogger logger, string userName, string clientId, string grantType);

    [LoggerMessage(8, LogLevel.Warning, "A {GrantType} grant of client {ClientId} was refused: its user can no longer sign in.", EventName = "GrantRefused")]
    public static partial void GrantRefused(ILogger logger, string clientId, string grantType);
}
