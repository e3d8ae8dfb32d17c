using Microsoft.Extensions.Logging;

namespace SessionApp.Sessions;

/// <summary>
/// The engine's log messages. A session is named by the first characters of its handle (a hash of the id),
/// never by its id.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "The session store did not complete '{Operation}' within {BudgetMs} ms.")]
    public static partial void StoreUnavailable(ILogger logger, string operation, double budgetMs, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "A session id (cookie or header) that is not well-formed was ignored.")]
    public static partial void MalformedId(ILogger logger);

    [LoggerMessage(16, LogLevel.Warning, "A request carried the session cookie '{CookieName}' more than once and was refused (400); a cookie tossed in by another site or path is one cause.")]
    public static partial void SessionCookieSentTwice(ILogger logger, string cookieName);

    /// <summary>ASP.NET Core's session logs the same fact as event 2, AccessingExpiredSession.</summary>
    [LoggerMessage(3, LogLevel.Information, "Accessing expired session, Handle:{Handle}; it was not found or has ended, and a new one starts.", EventName = "AccessingExpiredSession")]
    public static partial void AccessingExpiredSession(ILogger logger, string handle);

    [LoggerMessage(4, LogLevel.Information, "Session {Handle} ended during the request; its changes were not written.", EventName = "SessionEndedBeforeCommit")]
    public static partial void SessionEndedBeforeCommit(ILogger logger, string handle);

    [LoggerMessage(5, LogLevel.Warning, "Session {Handle} refused a write: {Message}")]
    public static partial void LimitExceeded(ILogger logger, string handle, string message);

    [LoggerMessage(6, LogLevel.Information, "Session {OldHandle} was rotated to {NewHandle}.")]
    public static partial void Rotated(ILogger logger, string oldHandle, string newHandle);

    [LoggerMessage(7, LogLevel.Information, "Revoked {Count} session(s) of a user ({Reason}).")]
    public static partial void Revoked(ILogger logger, int count, string reason);

    [LoggerMessage(9, LogLevel.Error, "Session {Handle} could not be committed after the response had started; the connection was aborted so the client does not take the request for a success.")]
    public static partial void CommitFailedAfterResponseStarted(ILogger logger, string handle, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "Session {Handle} was bound to a user; {Evicted} older session(s) ended by the cap.")]
    public static partial void Bound(ILogger logger, string handle, int evicted);

    [LoggerMessage(11, LogLevel.Information, "Session values at rest: encryption {Method}.")]
    public static partial void Encryption(ILogger logger, string method);

    [LoggerMessage(17, LogLevel.Information, "Session values at rest: compression {Method}.")]
    public static partial void Compression(ILogger logger, string method);

    /// <summary>ASP.NET Core's session logs the same fact as event 3, SessionStarted.</summary>
    [LoggerMessage(12, LogLevel.Information, "Session started; Handle:{Handle}", EventName = "SessionStarted")]
    public static partial void SessionStarted(ILogger logger, string handle);

    /// <summary>ASP.NET Core's session logs the same fact as event 5, SessionStored (at Debug).</summary>
    [LoggerMessage(13, LogLevel.Debug, "Session stored; Handle:{Handle}, Count:{Count}", EventName = "SessionStored")]
    public static partial void SessionStored(ILogger logger, string handle, int count);

    /// <summary>ASP.NET Core's session logs a commit that timed out or was canceled as events 9 and 10 (SessionCommitTimeout, SessionCommitCanceled).</summary>
    [LoggerMessage(14, LogLevel.Warning, "Committing session {Handle} timed out or was canceled after it was sent; it may or may not have been saved, and its next commit sends it again.", EventName = "SessionCommitOutcomeUnknown")]
    public static partial void CommitOutcomeUnknown(ILogger logger, string handle);

    [LoggerMessage(15, LogLevel.Warning, "No replica acknowledged '{Operation}' within {WaitMs} ms (Sessions:DurableWriteTimeout); it may or may not survive a failover, and the request fails.", EventName = "SessionWriteNotReplicated")]
    public static partial void NotReplicated(ILogger logger, string operation, long waitMs);
}
