using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SessionApp.Sessions.Storage;

namespace SessionApp.Sessions.Http;

/// <summary>
/// Loads the request's session before the rest of the pipeline runs (one round trip, and none without a
/// cookie) and commits its changes before the response starts: its start waits for the commit
/// (<see cref="SessionResponseBody"/>), or the commit runs after the pipeline when it wrote no body. A store that
/// cannot be reached answers 503 with Retry-After; a write over a limit answers 413; neither runs the request with
/// an empty session, and neither leaves a success that was not saved. A session cookie sent twice answers 400
/// before anything is read.
/// </summary>
internal sealed class RedisSessionMiddleware
{
    private readonly RequestDelegate _next;
    private readonly SessionEngine _engine;

    public RedisSessionMiddleware(RequestDelegate next, SessionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(engine);
        _next = next;
        _engine = engine;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        // The store keeps the options in force (IOptionsMonitor's CurrentValue, followed as it changes).
        var options = _engine.Store.Options;
        var secure = SessionCookies.IsSecure(context, options);
        var cookieName = SessionCookies.Name(secure, options);
        var client = new ClientInfo(context);

        var (presented, inHeader, ambiguous) = PresentedId(context, options.HeaderName, cookieName);
        if (ambiguous)
        {
            Log.SessionCookieSentTwice(_engine.Logger, cookieName);
            await SessionProblems.WriteCookieSentTwiceAsync(context, cookieName);
            return;
        }

        var session = WithoutStore(presented, client);
        if (session is null)
        {
            try
            {
                var found = await _engine.Store.FindAsync(presented!, context.RequestAborted);
                session = found.Record is null ? Missing(client, found.Handle) : RedisSession.Loaded(_engine, client, presented!, found);
            }
            catch (SessionStoreUnavailableException ex)
            {
                await SessionProblems.WriteUnavailableAsync(context, options.RetryAfter, ex);
                return;
            }
        }

        context.Features.Set<ISessionFeature>(session);
        var response = new SessionResponse(context, session, cookieName, secure, options.HeaderName, inHeader);
        context.Response.OnStarting(SessionResponse.OnStartingAsync, response);
        var body = new SessionResponseBody(context, session, context.Features.GetRequiredFeature<IHttpResponseBodyFeature>());
        context.Features.Set<IHttpResponseBodyFeature>(body);

        Exception? failure;
        try
        {
            await _next(context);

            // A handler that caught the failure its write was given has still not saved what it answered for.
            failure = body.Failure ?? response.CommitFailure;
            if (failure is null)
            {
                // Commits what a response not yet started still holds (its body included), then what changed after
                // it started. As ASP.NET Core's session does, the commit runs even when the client has gone
                // (RequestAborted): a closed tab must not lose the change. The store's own time budget bounds it.
                await body.BeforeStartAsync();
                if (session.HasChanges)
                {
                    await session.CommitPendingAsync(CancellationToken.None);
                }
            }
        }
        catch (Exception ex) when (ex is SessionLimitExceededException or SessionStoreUnavailableException)
        {
            failure = ex;
        }
        finally
        {
            context.Features.Set(body.Inner);
            context.Features.Set<ISessionFeature>(null);
        }

        if (failure is not null)
        {
            response.AnswersFailure = true;
            await AnswerFailureAsync(context, session, failure, options.RetryAfter);
        }
    }

    /// <summary>
    /// A commit failed: a response not yet started (the usual case, as its start waits for the commit) becomes a 413 or
    /// a 503 with Retry-After, the client's id left as it was; one already started is aborted, so that it cannot
    /// claim a success that was not saved.
    /// </summary>
    private Task AnswerFailureAsync(HttpContext context, RedisSession session, Exception failure, TimeSpan retryAfter)
    {
        if (context.Response.HasStarted)
        {
            Log.CommitFailedAfterResponseStarted(_engine.Logger, Telemetry.SessionTelemetry.ShortHandle(session.Handle), failure);
            context.Abort();
            return Task.CompletedTask;
        }

        session.KeepIdAsItWas();
        return failure is SessionLimitExceededException limit
            ? SessionProblems.WriteLimitAsync(context, limit)
            : SessionProblems.WriteUnavailableAsync(context, retryAfter, (SessionStoreUnavailableException)failure);
    }

    /// <summary>
    /// The id the request presents: in the session header when one is configured and sent, else in the cookie named
    /// exactly <paramref name="cookieName"/>; ambiguous when that cookie is sent more than once.
    /// </summary>
    private static (string? Id, bool InHeader, bool Ambiguous) PresentedId(HttpContext context, string? headerName, string cookieName)
    {
        if (headerName is not null && context.Request.Headers[headerName] is { Count: > 0 } values)
        {
            // Sent more than once, the header names no one session: treated like any malformed id. Only the client
            // itself sets the header, so nobody else can have added the second one.
            return (values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : string.Empty, true, false);
        }

        var unambiguous = SessionCookies.TryRead(context, cookieName, out var id);
        return (id, false, !unambiguous);
    }

    /// <summary>The session when the store need not be asked (no id, or a malformed one); null when it must.</summary>
    private RedisSession? WithoutStore(string? presented, ClientInfo client)
    {
        if (presented is null)
        {
            Telemetry.SessionTelemetry.Loads.Add(1, new KeyValuePair<string, object?>("result", "none"));
            return RedisSession.New(_engine, client);
        }

        if (!SessionIds.IsWellFormed(presented))
        {
            Log.MalformedId(_engine.Logger);
            return WithStaleIdWithdrawn(RedisSession.New(_engine, client));
        }

        return null;
    }

    /// <summary>An id whose session has ended or never existed: a fresh session, and the stale id withdrawn (cookie or header).</summary>
    private RedisSession Missing(ClientInfo client, string handle)
    {
        Log.AccessingExpiredSession(_engine.Logger, Telemetry.SessionTelemetry.ShortHandle(handle));
        return WithStaleIdWithdrawn(RedisSession.New(_engine, client));
    }

    private static RedisSession WithStaleIdWithdrawn(RedisSession session)
    {
        session.WithdrawStaleId();
        return session;
    }
}
