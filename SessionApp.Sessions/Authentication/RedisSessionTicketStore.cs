using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using SessionApp.Sessions.Http;
using SessionApp.Sessions.Storage;

namespace SessionApp.Sessions.Authentication;

/// <summary>
/// Keeps cookie authentication's ticket inside the server-side session, so the authentication cookie carries
/// only the session's handle. Signing in binds the session to the user; revoking the session, from any
/// instance, signs the user out everywhere on their next request. Rotate the session id before signing in.
/// </summary>
internal sealed class RedisSessionTicketStore : ITicketStore
{
    private const string TicketField = "_t";
    private readonly SessionEngine _engine;

    public RedisSessionTicketStore(SessionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    public Task<string> StoreAsync(AuthenticationTicket ticket) =>
        throw new InvalidOperationException("The session ticket store needs the HttpContext; it is called with it by cookie authentication.");

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var session = CurrentSession(httpContext);
        var userId = ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
            ?? ticket.Principal.Identity?.Name
            ?? throw new InvalidOperationException("The principal signing in has neither a NameIdentifier claim nor a name to bind the session to.");
        session.SetTicket(Protect(ticket));
        await session.BindUserAsync(userId, cancellationToken);
        return session.Id;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        throw new InvalidOperationException("The session ticket store needs the HttpContext; it is called with it by cookie authentication.");

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.ISessionFeature>() is ServerSessionFeature { ServerSession: var session } && session.Id == key)
        {
            session.SetTicket(Protect(ticket));
            return;
        }

        var delta = new SessionDelta();
        delta.Metadata.Add(new(TicketField, Protect(ticket)));
        await _engine.Store.CommitAsync(key, isNew: false, delta, cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        throw new InvalidOperationException("The session ticket store needs the HttpContext; it is called with it by cookie authentication.");

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.ISessionFeature>() is ServerSessionFeature { ServerSession: var session } && session.Id == key)
        {
            return Unprotect(session.Ticket);
        }

        if (!SessionIds.IsWellFormedHandle(key))
        {
            return null;
        }

        var record = await _engine.Store.LoadAsync(key, cancellationToken);
        return Unprotect(record?.Ticket);
    }

    public Task RemoveAsync(string key) =>
        throw new InvalidOperationException("The session ticket store needs the HttpContext; it is called with it by cookie authentication.");

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.ISessionFeature>() is ServerSessionFeature { ServerSession: var session } && session.Id == key)
        {
            await session.RevokeAsync(cancellationToken);
            return;
        }

        if (SessionIds.IsWellFormedHandle(key))
        {
            await _engine.Store.DeleteAsync(key, cancellationToken);
        }
    }

    private static RedisSession CurrentSession(HttpContext httpContext) =>
        httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.ISessionFeature>() is ServerSessionFeature feature
            ? feature.ServerSession
            : throw new InvalidOperationException("Signing in with the session ticket store needs app.UseRedisSessions() before app.UseAuthentication().");

    private byte[] Protect(AuthenticationTicket ticket) =>
        _engine.Codec.Encode(TicketField, TicketSerializer.Default.Serialize(ticket));

    private AuthenticationTicket? Unprotect(byte[]? stored) =>
        stored is null ? null : TicketSerializer.Default.Deserialize(_engine.Codec.Decode(TicketField, stored));
}
