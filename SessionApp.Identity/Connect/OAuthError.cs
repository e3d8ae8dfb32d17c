using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace SessionApp.Identity.Connect;

/// <summary>Results that make OpenIddict answer with an OAuth error in the form its endpoint uses.</summary>
internal static class OAuthError
{
    /// <summary>A refused request: a redirect to the client (authorization) or a 400 JSON error (token).</summary>
    public static IResult Forbid(string error, string description) =>
        Results.Forbid(Properties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>A refused token: 401 with <c>WWW-Authenticate: Bearer error=…</c> (userinfo).</summary>
    public static IResult Challenge(string error, string description) =>
        Results.Challenge(Properties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
