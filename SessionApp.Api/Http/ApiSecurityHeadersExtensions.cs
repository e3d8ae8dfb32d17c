using SessionApp.Api.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds <see cref="ApiSecurityHeadersMiddleware"/>.</summary>
public static class ApiSecurityHeadersExtensions
{
    /// <summary>Adds nosniff and a nothing-loads content security policy to every response; place it first.</summary>
    public static IApplicationBuilder UseApiSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<ApiSecurityHeadersMiddleware>();
    }
}
