namespace SessionApp.Api.Contracts;

/// <summary>One of the signed-in user's sessions ("your devices"); <c>Id</c> is its opaque handle.</summary>
public sealed record DeviceSessionResponse(
    string Id,
    string? UserAgent,
    string? IpAddress,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    bool Current);
