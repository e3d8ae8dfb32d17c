using SessionApp.ServiceDefaults.SecurityHeaders;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the security headers every response of a service carries.</summary>
public static class SecurityHeadersExtensions
{
    /// <summary>
    /// Adds <c>X-Content-Type-Options: nosniff</c> and <paramref name="headers"/> (e.g. <c>Content-Security-Policy</c>)
    /// to every response, error responses included; place it first.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <param name="headers">The application's headers, by name.</param>
    /// <returns>The same application builder.</returns>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return app.UseSecurityHeaders(_ => headers);
    }

    /// <summary>
    /// Adds <c>X-Content-Type-Options: nosniff</c> and the headers <paramref name="headers"/> gives from the application's
    /// services (read once, when the pipeline is built) to every response, error responses included; place it first.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <param name="headers">The application's headers, by name, from its services (its options, say).</param>
    /// <returns>The same application builder.</returns>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, Func<IServiceProvider, IReadOnlyDictionary<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(headers);
        return app.UseMiddleware<SecurityHeadersMiddleware>(headers);
    }
}
