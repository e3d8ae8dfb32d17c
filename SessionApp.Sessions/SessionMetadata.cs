namespace SessionApp.Sessions;

/// <summary>What the engine knows about the current session, besides its values.</summary>
/// <param name="Handle">The opaque handle (a SHA-256 of the id); safe to show and log, useless as a token.</param>
/// <param name="IsNew">True until the session's first write reaches Redis.</param>
/// <param name="CreatedAt">When the session began.</param>
/// <param name="LastSeenAt">When it last served a request (this one, once loaded).</param>
/// <param name="ExpiresAt">When it ends unless used again: the earlier of the idle and the absolute expiry.</param>
/// <param name="AbsoluteExpiresAt">When it ends however active.</param>
/// <param name="IdleTimeout">The sliding idle timeout.</param>
/// <param name="UserId">The user it is bound to, if any.</param>
public sealed record SessionMetadata(
    string Handle,
    bool IsNew,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset AbsoluteExpiresAt,
    TimeSpan IdleTimeout,
    string? UserId);
