using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>Turns a provider's id token claims into the principal every SessionApp service reads from the session's ticket.</summary>
public static class OidcClaims
{
    /// <summary>
    /// The user id is the provider's <c>sub</c> (stable, never reused); the name is <c>preferred_username</c>, then
    /// Cognito's <c>cognito:username</c>, then <c>email</c>; the display name <c>name</c>; one role per value of
    /// <paramref name="roleClaim"/> (<c>groups</c>, Cognito's <c>cognito:groups</c>). Claim names as the token has them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The token has no <c>sub</c>.</exception>
    public static ClaimsPrincipal ToPrincipal(ClaimsPrincipal token, string roleClaim)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(roleClaim);
        var subject = token.FindFirst("sub")?.Value ?? throw new InvalidOperationException("The provider's id token has no 'sub' claim.");
        var name = token.FindFirst("preferred_username")?.Value ?? token.FindFirst("cognito:username")?.Value ?? token.FindFirst("email")?.Value ?? subject;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, subject),
            new(ClaimTypes.Name, name),
            new(SessionAppClaims.DisplayName, token.FindFirst("name")?.Value ?? name),
            new(SessionAppClaims.Method, "oidc"),
        };
        claims.AddRange(token.FindAll(roleClaim).Select(static c => c.Value).Distinct(StringComparer.Ordinal).Select(static role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
