using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using SessionApp.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SessionApp.Identity.Connect;

/// <summary>The principal OpenIddict validated for this request (from a code, refresh token or access token) and its configured user.</summary>
internal sealed record GrantedUser(ClaimsPrincipal Principal, ProviderUser User)
{
    /// <summary>Null when OpenIddict has no principal or its <c>sub</c> is no longer a configured user.</summary>
    public static async Task<GrantedUser?> FindAsync(HttpContext context, UserDirectory users)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = result.Principal is null ? null : users.FindBySubject(result.Principal.GetClaim(Claims.Subject));
        return user is null ? null : new GrantedUser(result.Principal!, user);
    }
}
