using Microsoft.AspNetCore.Http;

namespace SessionApp.ServiceDefaults.SecurityHeaders;

/// <summary>
/// Gives every response, whatever produced it (an endpoint, a page, a static file, a problem, the health checks),
/// <c>X-Content-Type-Options: nosniff</c> and the application's own security headers (its content security policy
/// first among them). Set as the response starts, so a response whose headers an error handler cleared carries them too.
/// </summary>
internal sealed class SecurityHeadersMiddleware
{
    private readonly RequestDelegate _next;
    private readonly KeyValuePair<string, string>[] _headers;

    public SecurityHeadersMiddleware(RequestDelegate next, IServiceProvider services, Func<IServiceProvider, IReadOnlyDictionary<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(headers);
        _next = next;
        _headers = [.. headers(services)];
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(SetHeaders, context);
        return _next(context);
    }

    private Task SetHeaders(object state)
    {
        var headers = ((HttpContext)state).Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        foreach (var (name, value) in _headers)
        {
            headers[name] = value;
        }

        return Task.CompletedTask;
    }
}
