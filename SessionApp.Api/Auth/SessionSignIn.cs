using Microsoft.AspNetCore.Authentication;
using SessionApp.Api.Users;

namespace SessionApp.Api.Auth;

/// <summary>
/// Signs a user in on the current session: rotates its id (its data stays, the old id stops working), then
/// stores the ticket in it, which binds it to the user. A different user than the one signed in starts from a
/// fresh, empty session.
/// </summary>
public static class SessionSignIn
{
    public static async Task SignInAsync(HttpContext context, ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var session = context.GetServerSession();
        var signedIn = ApiClaims.UserId(context.User);
        if (signedIn is not null && !string.Equals(signedIn, user.UserName, StringComparison.Ordinal))
        {
            await session.RevokeAsync(context.RequestAborted);
        }

        await session.RegenerateIdAsync(context.RequestAborted);
        var principal = ApiClaims.CreatePrincipal(user);
        await context.SignInAsync(principal);
        context.User = principal;
    }
}
