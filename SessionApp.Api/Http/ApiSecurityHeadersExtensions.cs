namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The headers every API response carries, whatever produced it (an endpoint, a problem, the health checks):
/// <c>X-Content-Type-Options: nosniff</c>, so a browser never reads JSON as script or HTML, and
/// <c>Content-Security-Policy: default-src 'none'; frame-ancestors 'none'</c>, so a response opened as a document
/// loads and runs nothing and cannot be framed. The API serves JSON only; the page policies (referrer, the site's own
/// CSP) belong to the Web front end, which serves the HTML.
/// </summary>
public static class ApiSecurityHeadersExtensions
{
    /// <summary>The API's content security policy: nothing may load, nothing may frame it.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Security-Policy"] = ContentSecurityPolicy,
    };

    /// <summary>Adds nosniff and a nothing-loads content security policy to every response; place it first.</summary>
    public static IApplicationBuilder UseApiSecurityHeaders(this IApplicationBuilder app) => app.UseSecurityHeaders(Headers);
}
