using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace SessionApp.Gateway.Routing;

/// <summary>
/// Enforces <see cref="GatewayOptions.MaxRequestBodyBytes"/> as the load balancer in front of the replicas: an
/// announced body over the limit is refused before anything is forwarded, and a chunked one that grows past it is
/// cut off by Kestrel mid-stream, which YARP reports as a failed client body; both answer 413 problem details
/// (instead of YARP's empty 400 or 502).
/// </summary>
internal sealed class BodyLimitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IProblemDetailsService _problems;
    private readonly long _limit;

    public BodyLimitMiddleware(RequestDelegate next, IProblemDetailsService problems, IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(options);
        _next = next;
        _problems = problems;
        _limit = options.Value.MaxRequestBodyBytes;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _limit)
        {
            return WriteTooLargeAsync(context);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = _limit;
        }

        return InvokeCoreAsync(context);
    }

    private async Task InvokeCoreAsync(HttpContext context)
    {
        await _next(context);

        if (!context.Response.HasStarted
            && context.Features.Get<IForwarderErrorFeature>() is { Error: ForwarderError.RequestBodyClient } error
            && IsTooLarge(error.Exception))
        {
            context.Response.Clear();
            await WriteTooLargeAsync(context);
        }
    }

    private static bool IsTooLarge(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }

    private Task WriteTooLargeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return _problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = $"The request body may hold at most {_limit} bytes.",
            },
        }).AsTask();
    }
}
