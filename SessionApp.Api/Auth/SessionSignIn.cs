using Microsoft.AspNetCore.Authentication;
using SessionApp.Api.Users;

namespace SessionApp.Api.Auth;

/// <summary>
/// Signs a user in on the current session: rotates its id (its data stays), then stores the ticket in it,
/// which binds it to the user.
/// </summary>
/// <remarks>
/// Signing in while already signed in needs care: the cookie handler of this request already holds the old
/// session's handle and would only renew the ticket under it (aspnetcore#22135), which after the rotation names
/// nothing. So the old handler is signed out (deleting a handle the rotation already retired) and the new
/// ticket is stored by a fresh handler from a new scope, which finds no live session under the old cookie and
/// stores the ticket in the current one. A different user starts from a fresh, empty session.
/// </remarks>
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
        if (signedIn is null)
        {
            await context.SignInAsync(principal);
            context.User = principal;
            return;
        }

        await context.SignOutAsync();
        await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var requestServices = context.RequestServices;
        context.RequestServices = scope.ServiceProvider;
        try
        {
            await context.SignInAsync(principal);
        }
        finally
        {
            context.RequestServices = requestServices;
        }

        context.User = principal;
    }
}
