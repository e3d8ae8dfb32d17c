namespace SessionApp.Sessions.Users;

/// <summary>
/// Operations on a user's sessions from anywhere in the application: list them, and revoke one, all but one,
/// or all. Revocation deletes the session in Redis, so it takes effect on the very next request to any instance.
/// </summary>
public interface ISessionManager
{
    /// <summary>Lists a user's live sessions, oldest first, pruning index entries of sessions that have ended.</summary>
    Task<IReadOnlyList<SessionInfo>> ListAsync(string userId, string? currentHandle = null, CancellationToken cancellationToken = default);

    /// <summary>Revokes one session of the user; false when the handle names no live session of that user.</summary>
    Task<bool> RevokeAsync(string userId, string handle, CancellationToken cancellationToken = default);

    /// <summary>Revokes every session of the user except <paramref name="exceptHandle"/>; returns how many ended.</summary>
    Task<int> RevokeAllAsync(string userId, string? exceptHandle = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the value under <paramref name="key"/> from each live session of the user but <paramref name="exceptHandle"/>,
    /// decoded as <c>ISession</c> would return it, with the session's handle; sessions without the key are left out.
    /// For what the application must also undo elsewhere before it revokes those sessions, such as an identity
    /// provider's refresh token.
    /// </summary>
    Task<IReadOnlyList<SessionValue>> ReadEachAsync(string userId, string key, string? exceptHandle = null, CancellationToken cancellationToken = default);

    /// <summary>Counts users and their live sessions.</summary>
    Task<SessionStats> GetStatsAsync(CancellationToken cancellationToken = default);
}
