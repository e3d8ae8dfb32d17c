using Microsoft.AspNetCore.Authentication.Cookies;

namespace SessionApp.Identity.Account;

/// <summary>
/// The provider's own sign-in session: a cookie, HttpOnly and SameSite=Lax, that the authorization endpoint reads
/// to know who is signed in and the end-session endpoint deletes. Its name differs from every SessionApp cookie,
/// because browsers share cookies between ports of one host (localhost).
/// </summary>
public static class ProviderCookie
{
    /// <summary>The authentication scheme of the cookie.</summary>
    public const string Scheme = "SessionApp.Identity";

    /// <summary>The cookie's name.</summary>
    public const string Name = "sessionapp.idp";

    /// <summary>The sign-in page.</summary>
    public const string LoginPath = "/account/login";

    /// <summary>The query parameter that carries where to go back to after signing in.</summary>
    public const string ReturnUrlParameter = "returnUrl";

    /// <summary>How long a sign-in at the provider lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    internal static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = Name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = LoginPath;
        options.ReturnUrlParameter = ReturnUrlParameter;
        options.ExpireTimeSpan = Lifetime;
        options.SlidingExpiration = false;
    }
}
