using System.Security.Claims;
using Microsoft.AspNetCore;
using OpenIddict.Server.AspNetCore;
using SessionApp.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SessionApp.Identity.Connect;

/// <summary>
/// The token endpoint, reached once OpenIddict has authenticated the client and validated the grant (an
/// authorization code: single use, same redirect_uri, PKCE verifier; or a refresh token: not revoked, not replayed
/// past the reuse leeway). Issues the tokens with the user's claims as configured now; a user no longer configured
/// gets <c>invalid_grant</c>. OpenIddict adds the new refresh token (rolling) when <c>offline_access</c> was granted.
/// </summary>
public static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, UserDirectory users, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(loggers);
        var request = context.GetOpenIddictServerRequest();
        var (clientId, grantType) = (request?.ClientId ?? "(unknown)", request?.GrantType ?? "(unknown)");
        var logger = loggers.CreateLogger(typeof(TokenEndpoint));
        if (await GrantedUser.FindAsync(context, users) is not { } granted)
        {
            Log.GrantRefused(logger, clientId, grantType);
            return OAuthError.Forbid(Errors.InvalidGrant, "The user of this grant can no longer sign in.");
        }

        Log.TokensIssued(logger, granted.User.UserName, clientId, grantType);
        var identity = UserClaims.ForTokens(granted.Principal, granted.User);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
