using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace SessionApp.Identity.Connect;

/// <summary>The properties that make OpenIddict answer a Forbid or Challenge with an OAuth error.</summary>
internal static class ErrorProperties
{
    public static AuthenticationProperties For(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
