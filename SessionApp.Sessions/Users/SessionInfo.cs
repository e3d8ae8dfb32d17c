namespace SessionApp.Sessions.Users;

/// <summary>One of a user's sessions, as the "your devices" list shows it.</summary>
/// <param name="Handle">An opaque handle (a hash of the session id): it names the session, but cannot act as it.</param>
/// <param name="CreatedAt">When the session began.</param>
/// <param name="LastSeenAt">When it last served a request.</param>
/// <param name="ExpiresAt">When it ends unless used again (the earlier of the idle and the absolute expiry).</param>
/// <param name="IpAddress">The client address recorded when the session was bound to the user.</param>
/// <param name="UserAgent">The user agent recorded then.</param>
/// <param name="IsCurrent">Whether this is the session of the request asking.</param>
public sealed record SessionInfo(
    string Handle,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    string? IpAddress,
    string? UserAgent,
    bool IsCurrent);
