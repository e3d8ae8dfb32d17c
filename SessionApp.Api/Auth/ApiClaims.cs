using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using SessionApp.Api.Contracts;
using SessionApp.Api.Users;
using SessionApp.ServiceDefaults.SignIn;

namespace SessionApp.Api.Auth;

/// <summary>The claims a signed-in user carries, and the user response read back from them.</summary>
public static class ApiClaims
{
    /// <summary>The claim with the name to show.</summary>
    public const string DisplayName = SessionAppClaims.DisplayName;

    public static ClaimsPrincipal CreatePrincipal(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.UserName),
            new(ClaimTypes.Name, user.UserName),
            new(DisplayName, user.DisplayName),
            new(SessionAppClaims.Method, "password"),
        };
        claims.AddRange(user.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static UserResponse ToResponse(ClaimsPrincipal principal, string instance)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.Identity?.Name ?? string.Empty;
        var userName = principal.FindFirstValue(ClaimTypes.Name) ?? userId;
        return new UserResponse(
            userName,
            principal.FindFirstValue(DisplayName) ?? userName,
            [.. principal.FindAll(ClaimTypes.Role).Select(claim => claim.Value)],
            instance,
            userId);
    }

    /// <summary>The signed-in user's id (the name the sessions are bound to), or null when anonymous.</summary>
    public static string? UserId(ClaimsPrincipal principal) =>
        principal?.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
