using Microsoft.Net.Http.Headers;

namespace SessionApp.Api.Http;

/// <summary>
/// Refuses a state-changing request (any method but GET, HEAD, OPTIONS and TRACE) that a browser sent from another
/// origin, with 403 problem details, before the session is loaded. The session and sign-in cookies are
/// <c>SameSite=Lax</c>, which a page on a sibling origin (another subdomain or port of the same site) still gets
/// them sent with, and an endpoint without a body (<c>POST /api/sessions/revoke-others</c>, <c>POST
/// /api/auth/logout</c>, <c>DELETE …</c>) needs no preflighted content type to be called.
/// </summary>
/// <remarks>
/// A browser tells where a request comes from: <c>Sec-Fetch-Site</c> (every current browser) must be
/// <c>same-origin</c> (or <c>none</c>, a request the user made directly); without it, <c>Origin</c>, which browsers
/// send on every cross-origin and every non-GET request, must be this site's own scheme and host. A request with
/// neither comes from no browser (the Web front end's server-side calls, scripts, apps) and carries no ambient
/// credentials a third party could borrow, so it passes.
/// </remarks>
public sealed class SameOriginMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<SameOriginMiddleware> _logger;

    public SameOriginMiddleware(RequestDelegate next, ILogger<SameOriginMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || IsSameOrigin(request))
        {
            return _next(context);
        }

        SessionApp.Api.Log.CrossOriginRefused(_logger, request.Method, request.Path, request.Headers.Origin.ToString(), request.Headers["Sec-Fetch-Site"].ToString());
        return ApiProblems.WriteAsync(
            context,
            StatusCodes.Status403Forbidden,
            "Cross-origin request refused",
            "This API changes state only for requests from its own site.");
    }

    private static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"];
        if (site.Count > 0)
        {
            return site.Count == 1 && (string.Equals(site[0], "same-origin", StringComparison.OrdinalIgnoreCase)
                || string.Equals(site[0], "none", StringComparison.OrdinalIgnoreCase));
        }

        var origin = request.Headers[HeaderNames.Origin];
        if (origin.Count == 0)
        {
            return true;
        }

        if (origin.Count != 1 || !Uri.TryCreate(origin[0], UriKind.Absolute, out var uri))
        {
            // "null" (a sandboxed frame, a redirect across origins) or something unreadable.
            return false;
        }

        var host = request.Host;
        var port = host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == port;
    }
}
