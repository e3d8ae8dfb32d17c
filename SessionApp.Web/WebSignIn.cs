using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SessionApp.Web;

/// <summary>
/// A site sends people to pages where an API answers 401 and 403: the sign-in page (with the page they wanted as
/// <c>ReturnUrl</c>) and the error page with 403. Both redirects are relative: cookie authentication builds them
/// from the request's <c>Host</c> (or <c>X-Forwarded-Host</c>), which the client chooses, so an absolute one could
/// send a browser, or a cache that keeps the answer, to another site.
/// </summary>
public static class WebSignIn
{
    public const string LoginPath = "/Login";

    public static void Configure(CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LoginPath = LoginPath;
        options.AccessDeniedPath = "/Error?code=403";
        options.Events.OnRedirectToLogin = RedirectRelative;
        options.Events.OnRedirectToAccessDenied = RedirectRelative;
    }

    /// <summary>The path, query and fragment of <paramref name="redirectUri"/>: never another host.</summary>
    public static string ToRelative(string redirectUri)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        var relative = Uri.TryCreate(redirectUri, UriKind.Absolute, out var absolute)
            ? absolute.PathAndQuery + absolute.Fragment
            : redirectUri;

        // "//host/..." and "/\host/..." are read by browsers as another host.
        return relative.StartsWith('/') && (relative.Length == 1 || relative[1] is not ('/' or '\\')) ? relative : "/";
    }

    private static Task RedirectRelative(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(ToRelative(context.RedirectUri));
        return Task.CompletedTask;
    }
}
