using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using SessionApp.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SessionApp.Identity.Connect;

/// <summary>
/// The claims the provider issues for a user, in the identity token and the access token alike whatever the scopes
/// (a first-party client, as Cognito puts its attributes in its tokens): <c>sub</c>, <c>name</c>,
/// <c>preferred_username</c>, <c>email</c> and <c>groups</c>, always a JSON array (empty when the user has none).
/// </summary>
public static class UserClaims
{
    /// <summary>The claim that lists the user's groups.</summary>
    public const string Groups = "groups";

    /// <summary>The identity an authorization code is issued for: <paramref name="user"/>, granted <paramref name="scopes"/>.</summary>
    public static ClaimsIdentity ForAuthorization(ProviderUser user, IEnumerable<string> scopes, DateTimeOffset? authenticatedAt)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        if (authenticatedAt is { } at)
        {
            identity.SetClaim(Claims.AuthenticationTime, at.ToUnixTimeSeconds());
        }

        identity.SetScopes(scopes);
        return WithUser(identity, user);
    }

    /// <summary>
    /// The identity tokens are issued for at the token endpoint: what the code or refresh token carried (scopes,
    /// authorization, <c>auth_time</c>), with the user's claims set afresh from <paramref name="user"/>. A JWT
    /// cannot tell a one-element array from a string once read back, so <c>groups</c> is always written here.
    /// </summary>
    public static ClaimsIdentity ForTokens(ClaimsPrincipal granted, ProviderUser user)
    {
        ArgumentNullException.ThrowIfNull(granted);
        ArgumentNullException.ThrowIfNull(user);
        return WithUser(new ClaimsIdentity(granted.Claims, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role), user);
    }

    /// <summary>The userinfo response for <paramref name="user"/>.</summary>
    public static Dictionary<string, object> UserInfo(ProviderUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Claims.Subject] = user.Subject,
            [Claims.Name] = user.DisplayName,
            [Claims.PreferredUsername] = user.UserName,
            [Claims.Email] = user.Email,
            [Groups] = user.Groups,
        };
    }

    private static ClaimsIdentity WithUser(ClaimsIdentity identity, ProviderUser user)
    {
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Email, user.Email)
            .RemoveClaims(Groups);
        identity.AddClaim(new Claim(Groups, JsonSerializer.Serialize(user.Groups), JsonClaimValueTypes.JsonArray));
        identity.SetDestinations(static claim => claim.Type == Claims.AuthenticationTime
            ? [Destinations.IdentityToken]
            : [Destinations.AccessToken, Destinations.IdentityToken]);
        return identity;
    }
}
