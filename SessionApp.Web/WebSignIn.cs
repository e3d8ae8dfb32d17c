using Microsoft.AspNetCore.Authentication.Cookies;

namespace SessionApp.Web;

/// <summary>
/// A site sends people to pages where an API answers 401 and 403: the sign-in page (with the page they wanted as
/// <c>ReturnUrl</c>) and the error page with 403.
/// </summary>
public static class WebSignIn
{
    public const string LoginPath = "/Login";

    public static void Configure(CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LoginPath = LoginPath;
        options.AccessDeniedPath = "/Error?code=403";
    }
}
