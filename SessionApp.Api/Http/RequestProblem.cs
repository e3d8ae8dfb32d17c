namespace SessionApp.Api.Http;

/// <summary>A 4xx answer to a request the API cannot read: status, title, detail, and the field in <c>errors</c> when one is known.</summary>
public sealed record RequestProblem(int Status, string Title, string Detail, string? Field);
