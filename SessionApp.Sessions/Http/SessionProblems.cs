using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.Sessions.Telemetry;

namespace SessionApp.Sessions.Http;

/// <summary>Writes the engine's errors as RFC 9457 problem details (through IProblemDetailsService when registered).</summary>
internal static class SessionProblems
{
    /// <summary>
    /// A 503 for a store that could not be reached. It claims that nothing changed only when the engine knows: a
    /// write that timed out may still have run in Redis.
    /// </summary>
    public static Task WriteUnavailableAsync(HttpContext context, TimeSpan retryAfter, SessionStoreUnavailableException exception)
    {
        SessionTelemetry.Unavailable.Add(1);
        return WriteAsync(
            context,
            StatusCodes.Status503ServiceUnavailable,
            "The session store is unavailable",
            exception.CommandMayHaveRun
                ? "The session store did not confirm the change in time: it may or may not have been saved. Load the current state before trying again."
                : "Sessions could not be read or saved right now. Nothing was changed; try again shortly.",
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
            exception,
            retryAfter);
    }

    /// <summary>
    /// A 400 for a request that carries the session cookie more than once: it names no one session, and taking either
    /// would let a cookie someone else tossed in (another path, a parent domain) choose the session. Nothing is read,
    /// changed or deleted; a browser that holds the extra cookie shows this until the site's cookies are cleared.
    /// </summary>
    public static Task WriteCookieSentTwiceAsync(HttpContext context, string cookieName) =>
        WriteAsync(
            context,
            StatusCodes.Status400BadRequest,
            "The session cookie was sent more than once",
            $"The request carries the cookie '{cookieName}' more than once, so it names no one session. Nothing was read or changed; clear this site's cookies and try again.",
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
            exception: null,
            retryAfter: null);

    public static Task WriteLimitAsync(HttpContext context, SessionLimitExceededException exception) =>
        WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The session limit was exceeded", exception.Message, "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14", exception, retryAfter: null);

    private static async Task WriteAsync(HttpContext context, int status, string title, string detail, string type, Exception? exception, TimeSpan? retryAfter)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = type };
        if (exception is SessionLimitExceededException limit)
        {
            problem.Extensions["limit"] = limit.Limit.ToString();
        }

        var service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }))
        {
            await Results.Problem(problem).ExecuteAsync(context);
        }
    }
}
