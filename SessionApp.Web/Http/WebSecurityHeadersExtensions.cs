using Microsoft.Extensions.Options;
using SessionApp.ServiceDefaults.SignIn;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The security headers of every Web response, pages, static files, error pages and health checks alike:
/// <list type="bullet">
/// <item><c>Content-Security-Policy</c>: <see cref="ContentSecurityPolicy"/>: the shop's pages load only their own
/// stylesheet (no script at all), post forms only to themselves (and, with an identity provider, to its origin: a
/// sign-out form's answer redirects there, and <c>form-action</c> governs redirects too), and may be framed only by
/// the site itself;</item>
/// <item><c>X-Frame-Options: SAMEORIGIN</c>, the same rule for browsers without <c>frame-ancestors</c> (antiforgery
/// used to set it on pages with a form only);</item>
/// <item><c>X-Content-Type-Options: nosniff</c>;</item>
/// <item><c>Referrer-Policy: same-origin</c>: addresses (with their <c>ReturnUrl</c>) never leave the site.</item>
/// </list>
/// </summary>
public static class WebSecurityHeadersExtensions
{
    /// <summary>The Web front end's content security policy.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>Adds the content security policy, frame, sniffing and referrer headers to every response; place it first.</summary>
    public static IApplicationBuilder UseWebSecurityHeaders(this IApplicationBuilder app) =>
        app.UseSecurityHeaders(static services => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Security-Policy"] = PolicyFor(services.GetRequiredService<IOptions<OidcSignInOptions>>().Value),
            ["X-Frame-Options"] = "SAMEORIGIN",
            ["Referrer-Policy"] = "same-origin",
        });

    /// <summary><see cref="ContentSecurityPolicy"/>, its <c>form-action</c> widened to the identity provider's origins when one signs users in.</summary>
    public static string PolicyFor(OidcSignInOptions signIn)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        var providers = new[] { signIn.Enabled ? signIn.Authority : null, signIn.Provider == OidcProviderKind.Cognito ? signIn.CognitoDomain : null }
            .OfType<Uri>().Where(static u => u.IsAbsoluteUri).Select(static u => u.GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.Ordinal).ToList();
        return providers.Count == 0
            ? ContentSecurityPolicy
            : ContentSecurityPolicy.Replace("form-action 'self'", "form-action 'self' " + string.Join(' ', providers), StringComparison.Ordinal);
    }
}
