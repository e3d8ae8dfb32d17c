namespace SessionApp.Web.Api;

/// <summary>The current session as <c>GET /api/session</c> describes it.</summary>
public sealed record SessionSummary(
    string? Id,
    bool IsNew,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset AbsoluteExpiresAt,
    double IdleTimeoutSeconds,
    string? UserName,
    string? Instance);
