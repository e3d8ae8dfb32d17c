using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.Sessions.Users;

namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>
/// Signing out and revoking sessions, as both services do it: the session ends everywhere (the engine), the provider's
/// refresh token of each ended session is revoked at the provider too (RFC 7009; Cognito's <c>/oauth2/revoke</c>), and
/// the audit trail records it. A provider that cannot be reached does not keep a session alive: the session is ended
/// all the same, and the audit event says how many refresh tokens the provider confirmed revoking.
/// </summary>
public sealed class SessionSignOut
{
    private readonly ISessionManager _sessions;
    private readonly AuditTrail _audit;
    private readonly ProviderClient? _provider;

    public SessionSignOut(ISessionManager sessions, AuditTrail audit, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(services);
        _sessions = sessions;
        _audit = audit;
        _provider = services.GetService<ProviderClient>();
    }

    /// <summary>
    /// Signs the current session out everywhere and revokes its provider refresh token. Returns where to send a
    /// browser so the provider ends its own session and comes back to <paramref name="returnTo"/>, or null (no
    /// provider sign-in, or no <paramref name="returnTo"/>: an API caller).
    /// </summary>
    public async Task<Uri?> SignOutAsync(HttpContext context, Uri? returnTo)
    {
        ArgumentNullException.ThrowIfNull(context);
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var handle = context.Session.Id;
        var (tokens, _) = ProviderTokens.Read(context);
        var revoked = tokens?.RefreshToken is { } refresh && _provider is not null && await _provider.RevokeAsync(refresh, context.RequestAborted);
        var endSession = tokens is not null && _provider is not null && returnTo is not null
            ? await _provider.EndSessionUriAsync(tokens.IdToken, returnTo, context.RequestAborted)
            : null;

        await context.SignOutAsync();
        if (userId is not null)
        {
            _audit.SignedOut(context, userId, handle, revoked);
        }

        return endSession;
    }

    /// <summary>
    /// Revokes one of the user's other sessions (<paramref name="handle"/>) or, when it is null, all of them but the
    /// current one, with their provider refresh tokens. Returns how many sessions ended.
    /// </summary>
    public Task<int> RevokeOthersAsync(HttpContext context, string userId, string? handle)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RevokeAsync(context, userId, handle, context.Session.Id, handle is null ? "others" : "one");
    }

    /// <summary>Revokes every session of <paramref name="userId"/> (an administrator signing a user out everywhere), with their provider refresh tokens.</summary>
    public Task<int> RevokeAllAsync(HttpContext context, string userId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RevokeAsync(context, userId, handle: null, exceptHandle: null, "all");
    }

    private async Task<int> RevokeAsync(HttpContext context, string userId, string? handle, string? exceptHandle, string scope)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var held = await _sessions.ReadEachAsync(userId, ProviderTokens.SessionKey, exceptHandle, context.RequestAborted);
        var targets = held.Where(v => handle is null || v.Handle == handle).ToList();
        var ended = handle is null
            ? await _sessions.RevokeAllAsync(userId, exceptHandle, context.RequestAborted)
            : await _sessions.RevokeAsync(userId, handle, context.RequestAborted) ? 1 : 0;

        var revoked = 0;
        if (_provider is not null)
        {
            foreach (var refresh in targets.Select(v => ProviderTokens.FromBytes(v.Value)?.RefreshToken).OfType<string>())
            {
                revoked += await _provider.RevokeAsync(refresh, context.RequestAborted) ? 1 : 0;
            }
        }

        _audit.SessionsRevoked(context, userId, scope, ended, revoked);
        return ended;
    }
}
