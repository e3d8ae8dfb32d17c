namespace SessionApp.Api;

/// <summary>
/// The API's log events. User names only: never a password, a session id or a cookie. Signing in and out and revoking
/// sessions are the audit trail's (<c>AuditTrail</c>, category <c>SessionApp.Audit</c>).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Bad request answered {StatusCode}: {Reason}")]
    public static partial void BadRequest(ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Cross-origin {Method} {Path} refused (Origin '{Origin}', Sec-Fetch-Site '{FetchSite}')")]
    public static partial void CrossOriginRefused(ILogger logger, string method, string path, string origin, string fetchSite);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Administrator {Admin} revoked {Count} sessions of user {UserName}")]
    public static partial void AdminRevoked(ILogger logger, string admin, string userName, int count);
}
