using Microsoft.AspNetCore.Http;

namespace SessionApp.Sessions;

/// <summary>
/// The current request's session, with what <see cref="ISession"/> cannot express: metadata, per-key versions
/// and compare-and-set, id rotation, user binding and revocation. <c>HttpContext.Session</c> is the same object.
/// </summary>
public interface IServerSession : ISession
{
    /// <summary>The session's metadata as of this request.</summary>
    SessionMetadata Metadata { get; }

    /// <summary>The user the session is bound to, or null for an anonymous session.</summary>
    string? UserId { get; }

    /// <summary>
    /// A key's version as this request sees it; 0 when absent. Versions are opaque and only compared for equality:
    /// every write gives the key a fresh one.
    /// </summary>
    long GetVersion(string key);

    /// <summary>
    /// Writes <paramref name="value"/> now, only if the key still has <paramref name="expectedVersion"/>
    /// (0: only if absent). Pending changes of this request are committed with it, atomically.
    /// </summary>
    Task<SessionWriteResult> TrySetAsync(string key, byte[] value, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes the key now, only if it still has <paramref name="expectedVersion"/>.</summary>
    Task<SessionWriteResult> TryRemoveAsync(string key, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Read-modify-write of one key without lost updates: applies <paramref name="update"/> to the current value
    /// (null: absent) and writes the result (null: remove) with compare-and-set, retrying on conflict.
    /// </summary>
    Task<byte[]?> UpdateAsync(string key, Func<byte[]?, byte[]?> update, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives this session its own sliding idle timeout in place of <c>Sessions:IdleTimeout</c>: a longer one for a
    /// trusted device, a shorter one after a step-up to more privilege. It is saved with the session's next commit
    /// and kept when the id rotates; the absolute lifetime still ends the session. Throws
    /// <see cref="ArgumentOutOfRangeException"/> unless it lies between one millisecond and
    /// <c>Sessions:AbsoluteTimeout</c>.
    /// </summary>
    void SetIdleTimeout(TimeSpan idleTimeout);

    /// <summary>
    /// Gives the session a new id (at sign-in or a change of privilege): its data moves to the new id and the
    /// old id stops working at once. Rotate before signing in with the ticket store.
    /// </summary>
    Task RegenerateIdAsync(CancellationToken cancellationToken = default);

    /// <summary>Binds the session to a user, adding it to the user's list and applying the per-user cap.</summary>
    Task BindUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Ends this session everywhere; the request continues with a new, empty, anonymous session.</summary>
    Task RevokeAsync(CancellationToken cancellationToken = default);
}
