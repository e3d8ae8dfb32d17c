namespace SessionApp.Api;

/// <summary>The API's log events. User names only: never a password, a session id or a cookie.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Bad request answered {StatusCode}: {Reason}")]
    public static partial void BadRequest(ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Cross-origin {Method} {Path} refused (Origin '{Origin}', Sec-Fetch-Site '{FetchSite}')")]
    public static partial void CrossOriginRefused(ILogger logger, string method, string path, string origin, string fetchSite);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "User {UserName} signed in")]
    public static partial void SignedIn(ILogger logger, string userName);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Failed sign-in for {UserName}")]
    public static partial void SignInFailed(ILogger logger, string userName);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Sign-in for {UserName} refused: too many failures, retry in {RetryAfterSeconds} s")]
    public static partial void SignInThrottled(ILogger logger, string userName, int retryAfterSeconds);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "User {UserName} signed out")]
    public static partial void SignedOut(ILogger logger, string userName);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "User {UserName} revoked {Count} of their sessions")]
    public static partial void SessionsRevoked(ILogger logger, string userName, int count);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Administrator {Admin} revoked {Count} sessions of user {UserName}")]
    public static partial void AdminRevoked(ILogger logger, string admin, string userName, int count);
}
