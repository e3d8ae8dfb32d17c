using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>
/// Refreshes a session's provider tokens shortly before the access token expires, as cookie authentication validates
/// the signed-in principal (the <c>OnValidatePrincipal</c> refresher pattern). The refresh is claimed first with a
/// compare-and-set of the tokens' session value, so when two requests race, on one instance or two, one of them
/// refreshes and the other carries on with the access token that is still valid. A refresh the provider refuses (the
/// grant revoked or expired, the user disabled) signs the user out: the principal is rejected and the ticket removed,
/// which ends the session everywhere. A provider that does not answer leaves the user signed in; the claim lapses and a later request tries again.
/// </summary>
public sealed partial class ProviderTokenRefresher
{
    /// <summary>How long a claimed refresh keeps other requests from starting their own.</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromSeconds(30);

    private readonly ProviderClient _provider;
    private readonly OidcSignInOptions _options;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;
    private readonly ILogger<ProviderTokenRefresher> _logger;

    public ProviderTokenRefresher(ProviderClient provider, IOptions<OidcSignInOptions> options, AuditTrail audit, TimeProvider time, ILogger<ProviderTokenRefresher> logger)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _provider = provider;
        _options = options.Value;
        _audit = audit;
        _time = time;
        _logger = logger;
    }

    /// <summary>Cookie authentication's <c>OnValidatePrincipal</c>.</summary>
    public async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var (tokens, version) = ProviderTokens.Read(http);
        var now = _time.GetUtcNow();
        if (tokens?.RefreshToken is null || tokens.ExpiresAt - now > _options.RefreshBefore || tokens.RefreshClaimedUntil > now)
        {
            return;
        }

        var session = http.GetServerSession();
        var claim = await session.TrySetAsync(ProviderTokens.SessionKey, (tokens with { RefreshClaimedUntil = now + ClaimDuration }).ToBytes(), version, http.RequestAborted);
        if (!claim.Succeeded)
        {
            // Another request, on this instance or another, claimed it first.
            return;
        }

        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "(unknown)";
        var result = await _provider.RefreshAsync(tokens, http.RequestAborted);
        switch (result.Outcome)
        {
            case ProviderRefreshOutcome.Refreshed:
                await session.TrySetAsync(ProviderTokens.SessionKey, result.Tokens!.ToBytes(), claim.Version, http.RequestAborted);
                Refreshed(_logger, result.Tokens.ExpiresAt);
                break;
            case ProviderRefreshOutcome.Refused:
                // Rejecting the principal only fails this request; signing out removes the ticket, which ends the
                // session itself, so every instance sees the user signed out at once.
                _audit.RefreshRefused(http, userId, result.Error ?? "refused");
                context.RejectPrincipal();
                await http.SignOutAsync(context.Scheme.Name);
                break;
            default:
                ProviderUnavailable(_logger, result.Error ?? "no answer", tokens.ExpiresAt);
                break;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Refreshed the provider's tokens; the access token now expires at {ExpiresAt}.")]
    private static partial void Refreshed(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The identity provider could not refresh the tokens ({Error}); the access token expires at {ExpiresAt}, the next request tries again.")]
    private static partial void ProviderUnavailable(ILogger logger, string error, DateTimeOffset expiresAt);
}
