using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SessionApp.Web.Api;

namespace SessionApp.Web.Errors;

/// <summary>
/// Turns <see cref="ApiUnavailableException"/> into a 503 with Retry-After, written by the problem details service:
/// the same outage page a browser gets when the session store itself is down, JSON for other callers. It sits in the
/// application's own pipeline, inside the developer exception page, so Development shows the outage page too
/// instead of a 500 stack trace (which also echoed the request's cookies).
/// </summary>
public sealed partial class ApiUnavailableMiddleware
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);
    private readonly RequestDelegate _next;
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<ApiUnavailableMiddleware> _logger;

    public ApiUnavailableMiddleware(RequestDelegate next, IProblemDetailsService problems, ILogger<ApiUnavailableMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _problems = problems;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context);
        }
        catch (ApiUnavailableException exception) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, exception);
        }
    }

    private async Task WriteAsync(HttpContext context, ApiUnavailableException exception)
    {
        LogApiUnavailable(_logger, exception.Message, exception);
        context.Response.Clear();
        var retryAfter = exception.RetryAfter ?? DefaultRetryAfter;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await _problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is unavailable",
                Detail = "The shop could not reach its API. Nothing was changed; try again shortly.",
            },
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The API is unavailable: {Reason}")]
    private static partial void LogApiUnavailable(ILogger logger, string reason, Exception exception);
}
