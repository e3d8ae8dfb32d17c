using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace SessionApp.Api.Http;

/// <summary>
/// The API's own words for a request body it cannot read. The framework's messages name parameters, CLR types and
/// its inference rules (<c>Implicit body inferred for parameter "request"…</c>); a client is told what was wrong with
/// what it sent, and the field when the JSON says which (<see cref="JsonException.Path"/>), in every environment.
/// </summary>
public static class RequestReadProblems
{
    /// <summary>The key of a problem with the body as a whole, in <c>errors</c>.</summary>
    public const string BodyField = "body";

    /// <summary>The key of a problem with the body's media type or charset, in <c>errors</c>.</summary>
    public const string ContentTypeField = "Content-Type";

    private const string JsonRequired = "The request body must be JSON, sent with Content-Type: application/json.";

    /// <summary>
    /// Whether the endpoint reads a body and the request declares it JSON in a charset .NET does not know (an
    /// <c>application/json; charset=ebcdic</c>, say). The framework's JSON reader throws
    /// <see cref="InvalidOperationException"/> for it, which would be a 500; UTF-8 and the charsets
    /// <see cref="Encoding.GetEncoding(string)"/> gives are read (transcoded) as before, and UTF-7, which it refuses,
    /// is unknown too.
    /// </summary>
    public static bool HasUnknownCharset(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!TakesBody(context)
            || !MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !(mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var charset = mediaType.Charset;
        if (!charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            _ = Encoding.GetEncoding(charset.Value!);
            return false;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // Unknown, or known and refused (UTF-7).
            return true;
        }
    }

    /// <summary>The problem for a declared charset nobody can read.</summary>
    public static RequestProblem UnknownCharset() => new(
        StatusCodes.Status400BadRequest,
        "Unsupported charset",
        "The Content-Type's charset is not one the API can read; send the JSON as UTF-8.",
        ContentTypeField);

    /// <summary>The problem for a request the endpoint could not read, worded without the exception's message.</summary>
    public static RequestProblem Describe(HttpContext context, BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        if (ForStatus(exception.StatusCode) is { } problem)
        {
            return problem;
        }

        var status = exception.StatusCode is >= 400 and < 500 ? exception.StatusCode : StatusCodes.Status400BadRequest;
        if (exception.InnerException is JsonException json)
        {
            return FieldOf(json.Path) is { } field
                ? new(status, "Invalid value", $"The request body's '{field}' is not valid JSON or not of the type this field takes.", field)
                : new(status, "Invalid request body", "The request body is empty, not valid JSON, or not the JSON this endpoint takes.", BodyField);
        }

        return TakesBody(context)
            ? new(status, "Missing request body", "This endpoint needs a JSON body (not null). " + JsonRequired, BodyField)
            : new(status, "Bad request", "The request could not be read: a value in its path or query is not of the type this endpoint takes.", Field: null);
    }

    /// <summary>
    /// The problem for a status the framework answers without a body when it cannot read one (413: over the limit while
    /// reading; 415: not JSON); null for any other status.
    /// </summary>
    public static RequestProblem? ForStatus(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => new(status, "Request body too large", $"The request body may hold at most {RequestProblemsMiddleware.MaxBodyBytes} bytes.", Field: null),
        StatusCodes.Status415UnsupportedMediaType => new(status, "Unsupported media type", JsonRequired, ContentTypeField),
        _ => null,
    };

    /// <summary>Whether the request's endpoint reads a body (minimal APIs mark it with <see cref="IAcceptsMetadata"/>).</summary>
    public static bool TakesBody(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not null;

    /// <summary>The field a JSON path names, without the root: <c>$.quantity</c> is <c>quantity</c>; null for the root.</summary>
    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
