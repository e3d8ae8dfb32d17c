namespace SessionApp.Api.Http;

/// <summary>
/// The headers every API response carries, whatever produced it (an endpoint, a problem, the health checks):
/// <c>X-Content-Type-Options: nosniff</c>, so a browser never reads JSON as script or HTML, and
/// <c>Content-Security-Policy: default-src 'none'; frame-ancestors 'none'</c>, so a response opened as a document
/// loads and runs nothing and cannot be framed. The API serves JSON only; the page policies (referrer, the site's own
/// CSP) belong to the Web front end, which serves the HTML. Set as the response starts, so error responses whose
/// headers were cleared carry them too.
/// </summary>
public sealed class ApiSecurityHeadersMiddleware
{
    /// <summary>The API's content security policy: nothing may load, nothing may frame it.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    private readonly RequestDelegate _next;

    public ApiSecurityHeadersMiddleware(RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _next = next;
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(SetHeaders, context);
        return _next(context);
    }

    private static Task SetHeaders(object state)
    {
        var headers = ((HttpContext)state).Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return Task.CompletedTask;
    }
}
