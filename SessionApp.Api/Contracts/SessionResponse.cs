namespace SessionApp.Api.Contracts;

/// <summary>GET /api/session: the current session; <c>Id</c> is the opaque handle, never the cookie value.</summary>
public sealed record SessionResponse(
    string Id,
    bool IsNew,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset AbsoluteExpiresAt,
    int IdleTimeoutSeconds,
    string? UserName,
    string Instance);
