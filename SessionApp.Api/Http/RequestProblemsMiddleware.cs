using Microsoft.AspNetCore.Http.Features;

namespace SessionApp.Api.Http;

/// <summary>
/// Turns a request the endpoint cannot read into a 4xx problem: a body over <see cref="MaxBodyBytes"/> is 413
/// before it is read, and a <see cref="BadHttpRequestException"/> (malformed JSON, wrong types, missing body;
/// minimal APIs throw it because <c>RouteHandlerOptions.ThrowOnBadRequest</c> is on) answers its own status
/// code instead of reaching the last-resort 500 handler.
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
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            SessionApp.Api.Log.BadRequest(_logger, ex.StatusCode, ex.Message);
            context.Response.Clear();
            var status = ex.StatusCode is >= 400 and < 500 ? ex.StatusCode : StatusCodes.Status400BadRequest;
            await ApiProblems.WriteAsync(context, status, status == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request", ex.Message);
        }
    }

}
