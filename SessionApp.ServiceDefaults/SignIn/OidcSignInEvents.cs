using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>
/// The OpenID Connect handler's events: the provider's answer becomes the signed-in session. The id token's claims
/// become SessionApp's principal (<see cref="OidcClaims"/>); the session id rotates before the ticket is stored in
/// it (a different user than the one signed in starts from a fresh session); the tokens go into the session, not the
/// cookie. An answer the handler refuses (state, nonce or correlation that does not match, a code used already, an
/// error from the provider) changes no session and lands on a page that says so.
/// </summary>
public sealed class OidcSignInEvents : OpenIdConnectEvents
{
    /// <summary>Where a refused sign-in lands.</summary>
    public const string FailedPath = "/SignInFailed";

    private const string TokensItem = "SessionApp.ProviderTokens";
    private readonly OidcSignInOptions _options;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;

    public OidcSignInEvents(IOptions<OidcSignInOptions> options, AuditTrail audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _audit = audit;
        _time = time;
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Principal = OidcClaims.ToPrincipal(context.Principal!, _options.RoleClaim);
        if (context.TokenEndpointResponse is { AccessToken: { } accessToken } response)
        {
            var expiresIn = int.TryParse(response.ExpiresIn, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 3600;
            context.HttpContext.Items[TokensItem] = new ProviderTokens(accessToken, response.RefreshToken, response.IdToken, _time.GetUtcNow().AddSeconds(expiresIn));
        }

        return Task.CompletedTask;
    }

    public override async Task TicketReceived(TicketReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var session = http.GetServerSession();
        var userId = context.Principal!.FindFirstValue(ClaimTypes.NameIdentifier)!;

        // The request may carry another user's sign-in (the cookie authenticates before the callback runs).
        var current = await http.AuthenticateAsync();
        if (current.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } signedIn && signedIn != userId)
        {
            await session.RevokeAsync(http.RequestAborted);
        }

        await session.RegenerateIdAsync(http.RequestAborted);
        if (http.Items[TokensItem] is ProviderTokens tokens)
        {
            session.Set(ProviderTokens.SessionKey, tokens.ToBytes());
        }

        _audit.SignedIn(http, userId, "oidc");
    }

    /// <summary>The provider, done ending its session, sends the browser back; it goes on to the shop's home page.</summary>
    public override Task SignedOutCallbackRedirect(RemoteSignOutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Redirect("/");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _audit.SignInFailed(context.HttpContext, null, "oidc", Reason(context.Failure));
        context.HandleResponse();
        context.Response.Redirect(FailedPath);
        return Task.CompletedTask;
    }

    /// <summary>
    /// What went wrong, in the handler's words, without a token or code it may quote: the provider's error code when
    /// it sent one (<c>invalid_grant</c> for a code used already), else the message up to its first quoted part.
    /// </summary>
    internal static string Reason(Exception? failure)
    {
        if (failure is OpenIdConnectProtocolException { Data: var data } && data["error"] is string { Length: > 0 } error)
        {
            return $"the provider answered {error}";
        }

        var message = failure?.Message ?? "unknown";
        var end = message.IndexOfAny(['\'', '"', '\n']);
        return end > 0 ? message[..end].Trim() : message;
    }
}
