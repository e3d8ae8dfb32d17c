namespace SessionApp.Web.Api;

/// <summary>One of the signed-in user's sessions, from <c>GET /api/sessions</c>.</summary>
public sealed record DeviceSession(
    string Id,
    string? UserAgent,
    string? IpAddress,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    bool Current);
