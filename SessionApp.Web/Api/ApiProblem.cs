namespace SessionApp.Web.Api;

/// <summary>An RFC 9457 problem the API answered with, and its Retry-After when it sent one.</summary>
public sealed class ApiProblem
{
    public string? Title { get; init; }

    public string? Detail { get; init; }

    /// <summary>Field errors of a validation problem, keyed by the API's (camelCase) field names.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The text to show a person: the detail, else the title, else <paramref name="fallback"/>.</summary>
    public string Message(string fallback) =>
        !string.IsNullOrWhiteSpace(Detail) ? Detail : !string.IsNullOrWhiteSpace(Title) ? Title : fallback;
}
