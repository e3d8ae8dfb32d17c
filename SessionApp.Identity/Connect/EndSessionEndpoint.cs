using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;
using SessionApp.Identity.Account;

namespace SessionApp.Identity.Connect;

/// <summary>
/// The end-session endpoint, reached once OpenIddict has checked that any <c>post_logout_redirect_uri</c> is one a
/// client registered: ends the provider's sign-in cookie, then OpenIddict redirects to that URI with the
/// client's <c>state</c> (or to the provider's home page when the client named none).
/// </summary>
public static class EndSessionEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(loggers);
        var session = await context.AuthenticateAsync(ProviderCookie.Scheme);
        await context.SignOutAsync(ProviderCookie.Scheme);
        if (session.Succeeded && session.Principal.Identity?.Name is { } userName)
        {
            Log.SignedOut(loggers.CreateLogger(typeof(EndSessionEndpoint)), userName);
        }

        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
