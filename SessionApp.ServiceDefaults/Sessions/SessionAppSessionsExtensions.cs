using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.ServiceDefaults.SignIn;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The one session and sign-in setup both services share, so that a user signed in on any instance of either
/// service is signed in on every instance of both.
/// </summary>
public static class SessionAppSessionsExtensions
{
    /// <summary>The authentication cookie's name; its value is only a protected session handle.</summary>
    public const string AuthenticationCookieName = "sessionapp.auth";

    /// <summary>The authorization policy of administrators (role <c>admin</c>).</summary>
    public const string AdminPolicy = "admin";

    /// <summary>
    /// Adds the shared Redis connection from <c>ConnectionStrings:sessions</c>, the data protection key ring in it,
    /// server-side sessions (SessionApp.Sessions on that connection, options from the <c>Sessions</c> section) and cookie authentication whose ticket lives in the session, so
    /// revoking a session signs its user out everywhere; the sign-in audit trail; and, when <c>Authentication:Oidc</c>
    /// names a provider, sign-in with it (Authorization Code + PKCE) into the same session, its tokens kept in the
    /// session and refreshed there. The pipeline needs <c>app.UseRedisSessions()</c> before <c>app.UseAuthentication()</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="configureCookie">Service-specific cookie settings, such as answering 401 instead of redirecting.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddSessionAppSessions(this IHostApplicationBuilder builder, Action<CookieAuthenticationOptions>? configureCookie = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSessionRedis();
        builder.AddSessionDataProtection();
        builder.Services.AddRedisSessions().AddTicketStore();
        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddCookie(options =>
        {
            options.Cookie.Name = AuthenticationCookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            configureCookie?.Invoke(options);
        });
        builder.AddOidcSignIn(authentication);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole("admin"));
        return builder;
    }
}
