using Microsoft.AspNetCore.Http;

namespace SessionApp.Sessions.Http;

/// <summary>
/// What happens to the session as the response starts: changes still pending are committed before the first byte
/// leaves (even when the client has gone, under the store's own time budget; usually <see cref="SessionResponseBody"/>
/// has committed them already), and only then is the cookie issued, marked uncacheable (or a stale one deleted). A
/// commit that fails here, when the handler's bytes were already in the server's hands, is kept for the middleware,
/// which then aborts the response rather than let it claim a success that was not saved. With a
/// session header configured, a new id goes out in the header as well as the cookie; the end of a session is
/// told where its id came from (<paramref name="presentedInHeader"/>): an empty header, or a deleted cookie.
/// </summary>
internal sealed class SessionResponse(HttpContext context, RedisSession session, string cookieName, bool secure, string? headerName, bool presentedInHeader)
{
    /// <summary>The commit failure at the start of the response, if there was one.</summary>
    public Exception? CommitFailure { get; private set; }

    /// <summary>
    /// Set when the middleware answers a failed commit (503 or 413): that answer's start commits nothing, so it cannot
    /// save what it tells the client was not saved.
    /// </summary>
    public bool AnswersFailure { get; set; }

    public static Task OnStartingAsync(object state) => ((SessionResponse)state).OnStartingAsync();

    private async Task OnStartingAsync()
    {
        if (session.HasChanges && !AnswersFailure)
        {
            try
            {
                await session.CommitPendingAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is SessionLimitExceededException or SessionStoreUnavailableException)
            {
                CommitFailure = ex;
                session.KeepIdAsItWas();
            }
        }

        if (session.MustIssueId)
        {
            // A response carrying a session id is that client's alone: no shared cache may keep it for another.
            context.Response.Headers.CacheControl = "no-cache,no-store";
            context.Response.Headers.Pragma = "no-cache";
            SessionCookies.Issue(context, cookieName, secure, session.SecretId);
            if (headerName is not null)
            {
                context.Response.Headers[headerName] = session.SecretId;
            }
        }
        else if (session.MustWithdrawStaleId && presentedInHeader)
        {
            context.Response.Headers[headerName!] = string.Empty;
        }
        else if (session.MustWithdrawStaleId && !SessionCookies.IsBeingSet(context, cookieName))
        {
            SessionCookies.Delete(context, cookieName, secure);
        }
    }
}
