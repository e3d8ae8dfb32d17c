using Yarp.ReverseProxy.Forwarder;

namespace SessionApp.Gateway.Routing;

/// <summary>
/// Sends a request without a body to another replica when the chosen one failed before any response
/// started (refused connection, dropped connection), so a replica that just died rarely shows through.
/// Sits before load balancing in the YARP pipeline.
/// </summary>
internal sealed class RetryMiddleware(RequestDelegate next)
{
    private const int MaxAttempts = 3;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsRetriable(context.Request))
        {
            await next(context);
            return;
        }

        var proxy = context.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        for (var attempt = 1; ; attempt++)
        {
            await next(context);
            var error = context.Features.Get<IForwarderErrorFeature>();
            if (error is null || context.Response.HasStarted || attempt == MaxAttempts || error.Error is ForwarderError.RequestCanceled)
            {
                return;
            }

            var failed = proxy.ProxiedDestination;
            candidates = [.. candidates.Where(d => !ReferenceEquals(d, failed))];
            if (candidates.Count == 0)
            {
                return;
            }

            proxy.AvailableDestinations = candidates;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    private static bool IsRetriable(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && request.ContentLength is null or 0
        && !request.Headers.ContainsKey("Transfer-Encoding");
}
