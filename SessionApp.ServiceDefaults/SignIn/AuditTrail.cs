using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>
/// The audit trail of signing in and out: one structured event per sign-in, failed sign-in, sign-out, rotation and
/// revocation, under the log category <c>SessionApp.Audit</c>, each with who (the user id or the name tried), which
/// session (its handle: a hash, never the id the cookie carries), from where (the client address) and the outcome.
/// Never a session id, a password or a token. Outside Development the console writes JSON, so CloudWatch Logs metric
/// filters select them by <c>Category</c> and <c>EventId</c> (9001 signed in, 9002 sign-in failed, 9003 signed out,
/// 9004 sessions revoked, 9005 refresh refused).
/// </summary>
public sealed partial class AuditTrail
{
    /// <summary>The log category of every audit event.</summary>
    public const string Category = "SessionApp.Audit";

    private readonly ILogger _logger;

    public AuditTrail(ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _logger = loggers.CreateLogger(Category);
    }

    /// <summary>A user signed in; the session was rotated to <c>context.Session.Id</c>.</summary>
    public void SignedIn(HttpContext context, string userId, string method)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var (session, client) = (Handle(context), Client(context));
            SignedIn(_logger, userId, session, client, method);
        }
    }

    /// <summary>A sign-in did not succeed (a wrong password, a refused or tampered provider answer).</summary>
    public void SignInFailed(HttpContext context, string? userName, string method, string reason)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            var client = Client(context);
            SignInFailed(_logger, userName ?? "(unknown)", client, method, reason);
        }
    }

    /// <summary>A user signed out; <paramref name="providerTokensRevoked"/> says whether the provider's refresh token was revoked too.</summary>
    public void SignedOut(HttpContext context, string userId, string session, bool providerTokensRevoked)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var client = Client(context);
            SignedOut(_logger, userId, session, client, providerTokensRevoked);
        }
    }

    /// <summary>A signed-in user revoked sessions: <paramref name="scope"/> is <c>one</c>, <c>others</c> or <c>all</c>.</summary>
    public void SessionsRevoked(HttpContext context, string userId, string scope, int count, int providerTokensRevoked)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var (session, client) = (Handle(context), Client(context));
            SessionsRevoked(_logger, userId, scope, count, session, client, providerTokensRevoked);
        }
    }

    /// <summary>The provider refused to refresh a session's tokens; the session was ended.</summary>
    public void RefreshRefused(HttpContext context, string userId, string error)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            var (session, client) = (Handle(context), Client(context));
            RefreshRefused(_logger, userId, session, client, error);
        }
    }

    private static string Handle(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Http.Features.ISessionFeature>()?.Session?.Id ?? "(none)";

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "(unknown)";

    [LoggerMessage(EventId = 9001, EventName = "SignedIn", Level = LogLevel.Information,
        Message = "Audit: {UserId} signed in on session {Session} from {Client} ({Method}): succeeded")]
    private static partial void SignedIn(ILogger logger, string userId, string session, string client, string method);

    [LoggerMessage(EventId = 9002, EventName = "SignInFailed", Level = LogLevel.Warning,
        Message = "Audit: sign-in as {UserName} from {Client} ({Method}) failed: {Reason}")]
    private static partial void SignInFailed(ILogger logger, string userName, string client, string method, string reason);

    [LoggerMessage(EventId = 9003, EventName = "SignedOut", Level = LogLevel.Information,
        Message = "Audit: {UserId} signed out of session {Session} from {Client}; provider refresh token revoked: {ProviderTokensRevoked}")]
    private static partial void SignedOut(ILogger logger, string userId, string session, string client, bool providerTokensRevoked);

    [LoggerMessage(EventId = 9004, EventName = "SessionsRevoked", Level = LogLevel.Information,
        Message = "Audit: {UserId} revoked {Scope} ({Count} sessions) from session {Session} at {Client}; provider refresh tokens revoked: {ProviderTokensRevoked}")]
    private static partial void SessionsRevoked(ILogger logger, string userId, string scope, int count, string session, string client, int providerTokensRevoked);

    [LoggerMessage(EventId = 9005, EventName = "RefreshRefused", Level = LogLevel.Warning,
        Message = "Audit: the provider refused to refresh {UserId}'s session {Session} ({Error}); signed out, seen from {Client}")]
    private static partial void RefreshRefused(ILogger logger, string userId, string session, string client, string error);
}
