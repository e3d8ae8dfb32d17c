using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SessionApp.Web.Api;

namespace SessionApp.Web.Errors;

/// <summary>
/// Turns <see cref="ApiUnavailableException"/> into a 503 with Retry-After, written by the problem details service:
/// the same outage page a browser gets when the session store itself is down, JSON for other callers.
/// </summary>
public sealed partial class ApiUnavailableExceptionHandler : IExceptionHandler
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);
    private readonly IProblemDetailsService _problems;
    private readonly ILogger<ApiUnavailableExceptionHandler> _logger;

    public ApiUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<ApiUnavailableExceptionHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(logger);
        _problems = problems;
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not ApiUnavailableException unavailable)
        {
            return false;
        }

        LogApiUnavailable(_logger, unavailable.Message, exception);
        var retryAfter = unavailable.RetryAfter ?? DefaultRetryAfter;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return await _problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
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
