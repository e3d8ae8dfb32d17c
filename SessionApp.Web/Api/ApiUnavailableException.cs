namespace SessionApp.Web.Api;

/// <summary>
/// The API could not be reached or answered with a server error (5xx). The page cannot be served; the browser
/// gets the 503 page with Retry-After.
/// </summary>
public sealed class ApiUnavailableException : Exception
{
    public ApiUnavailableException()
    {
    }

    public ApiUnavailableException(string message)
        : base(message)
    {
    }

    public ApiUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long the API asked callers to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
