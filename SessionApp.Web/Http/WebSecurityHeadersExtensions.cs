using SessionApp.Web.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds <see cref="WebSecurityHeadersMiddleware"/>.</summary>
public static class WebSecurityHeadersExtensions
{
    /// <summary>Adds the content security policy, frame, sniffing and referrer headers to every response; place it first.</summary>
    public static IApplicationBuilder UseWebSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<WebSecurityHeadersMiddleware>();
    }
}
