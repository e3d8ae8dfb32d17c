using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SessionApp.Sessions.Storage;

namespace SessionApp.Sessions.Authentication;

/// <summary>
/// Keeps cookie authentication's ticket inside the server-side session. The authentication cookie carries only a
/// random ticket key; a ticket is honoured only by the session (from the session cookie) that holds that key, so
/// revoking the session, from any instance, signs its user out everywhere, and rotating the session id keeps the
/// user signed in. Signing in binds the session to the user.
/// </summary>
internal sealed class RedisSessionTicketStore : ITicketStore
{
    private const string NeedsHttpContext = "The session ticket store needs the HttpContext; cookie authentication passes it.";
    private readonly SessionEngine _engine;

    public RedisSessionTicketStore(SessionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    public Task<string> StoreAsync(AuthenticationTicket ticket) => throw new InvalidOperationException(NeedsHttpContext);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var session = CurrentSession(httpContext)
            ?? throw new InvalidOperationException("Signing in with the session ticket store needs app.UseRedisSessions() before app.UseAuthentication().");
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        await SaveAsync(session, key, ticket, cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => throw new InvalidOperationException(NeedsHttpContext);

    /// <summary>
    /// Sliding renewal, and also a sign-in by a request that was already signed in: cookie authentication then
    /// renews under the key it authenticated with (aspnetcore#22135), possibly for another user and after the
    /// session was rotated or replaced. Either way the ticket goes into the request's current session under that
    /// key. A renewal only follows a retrieval that matched this request's session, or a sign-in.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (CurrentSession(httpContext) is { } session)
        {
            await SaveAsync(session, key, ticket, cancellationToken);
        }
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => throw new InvalidOperationException(NeedsHttpContext);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        Task.FromResult(CurrentSession(httpContext) is { TicketKey: { } held, Ticket: { } stored } && held == key
            ? TicketSerializer.Default.Deserialize(SessionTicket.Unprotect(_engine.Codec, stored))
            : null);

    public Task RemoveAsync(string key) => throw new InvalidOperationException(NeedsHttpContext);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (CurrentSession(httpContext) is { } session && session.TicketKey == key)
        {
            await session.RevokeAsync(cancellationToken);
        }
    }

    private async Task SaveAsync(RedisSession session, string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var userId = ticket.Principal.FindFirst(ClaimTypes.NameIdentifier)?.Value
            ?? ticket.Principal.Identity?.Name
            ?? throw new InvalidOperationException("The principal signing in has neither a NameIdentifier claim nor a name to bind the session to.");
        session.SetTicket(SessionTicket.Protect(_engine.Codec, key, TicketSerializer.Default.Serialize(ticket)));
        if (session.UserId != userId || session.Metadata.IsNew)
        {
            await session.BindUserAsync(userId, cancellationToken);
        }
    }

    private static RedisSession? CurrentSession(HttpContext httpContext) =>
        httpContext.Features.Get<ISessionFeature>() as RedisSession;
}
