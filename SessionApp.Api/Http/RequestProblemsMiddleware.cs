using Microsoft.AspNetCore.Http.Features;

namespace SessionApp.Api.Http;

/// <summary>
/// Turns a request the endpoint cannot read into a 4xx problem in the API's own words (<see cref="RequestReadProblems"/>),
/// for every endpoint that takes a body: a body over <see cref="MaxBodyBytes"/> is 413 before it is read, a JSON body in
/// a charset .NET does not know is 400 before it is read (the framework's reader would throw
/// <see cref="InvalidOperationException"/>, a 500), and a <see cref="BadHttpRequestException"/> (malformed JSON, wrong
/// types, missing or empty body, wrong content type, too large; minimal APIs throw it because
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c> is on) answers its own status code, naming the field the JSON path
/// names, never the exception's message; a 413 or 415 the framework set without a body gets the same words. Any other exception is left to the last-resort 500 handler.
/// </summary>
public sealed class RequestProblemsMiddleware
{
    /// <summary>The largest request body the API reads: 1 MiB.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private readonly RequestDelegate _next;
    private readonly ILogger<RequestProblemsMiddleware> _logger;

    public RequestProblemsMiddleware(RequestDelegate next, ILogger<RequestProblemsMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The request body may hold at most {MaxBodyBytes} bytes.");
        }

        if (RequestReadProblems.HasUnknownCharset(context))
        {
            SessionApp.Api.Log.BadRequest(_logger, StatusCodes.Status400BadRequest, "unknown charset in Content-Type");
            return ApiProblems.WriteAsync(context, RequestReadProblems.UnknownCharset());
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        return InvokeCoreAsync(context);
    }

    private async Task InvokeCoreAsync(HttpContext context)
    {
        try
        {
            await _next(context);
            if (!context.Response.HasStarted && RequestReadProblems.ForStatus(context.Response.StatusCode) is { } problem)
            {
                // The framework answered 413 or 415 without a body: routing refuses a content type no endpoint takes
                // (415), and the body reader stops at the size limit without throwing (413).
                await ApiProblems.WriteAsync(context, problem);
            }
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            SessionApp.Api.Log.BadRequest(_logger, ex.StatusCode, ex.Message);
            context.Response.Clear();
            await ApiProblems.WriteAsync(context, RequestReadProblems.Describe(context, ex));
        }
    }

}
