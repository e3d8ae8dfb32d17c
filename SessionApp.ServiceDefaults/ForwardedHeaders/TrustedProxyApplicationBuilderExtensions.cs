using SessionApp.ServiceDefaults.ForwardedHeaders;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds <see cref="TrustedProxyMiddleware"/> to a pipeline.</summary>
public static class TrustedProxyApplicationBuilderExtensions
{
    /// <summary>
    /// Takes the client's address and scheme from <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> when, and only
    /// when, the request comes from a proxy the <c>ForwardedHeaders</c> settings trust (see
    /// <see cref="TrustedProxyOptions"/>). <c>AddServiceDefaults</c> puts it first in every service's pipeline.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<TrustedProxyMiddleware>();
    }
}
