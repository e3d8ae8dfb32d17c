using Microsoft.Extensions.Logging;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Telemetry;

namespace SessionApp.Sessions;

/// <summary>
/// Committing the pending changes: as a plain replace when they only replace values with values of the same length,
/// else as one script call (<see cref="SessionCommitScript"/>) with the delta. A commit that fails with its outcome unknown (a
/// timeout, or a token cancelled after the command left) keeps the delta pending, and the next commit sends it
/// again, which the script makes safe; a new session's next commit then also accepts the key its earlier attempt
/// may have created (<see cref="CommitMode.CreateOrApply"/>).
/// </summary>
internal sealed partial class RedisSession
{
    private const int MaxUpdateAttempts = 64;

    /// <summary>Whether an attempt to create this new session failed with its outcome unknown: it may exist in Redis.</summary>
    private bool _createMayHaveRun;

    /// <summary>How the next commit treats the session's key.</summary>
    private CommitMode Mode => !IsNew ? CommitMode.Apply : _createMayHaveRun ? CommitMode.CreateOrApply : CommitMode.Create;

    public Task CommitAsync(CancellationToken cancellationToken = default) =>
        HasChanges ? CommitPendingAsync(cancellationToken).AsTask() : Task.CompletedTask;

    public Task<SessionWriteResult> TrySetAsync(string key, byte[] value, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        Set(key, value);
        return CompareAndCommitAsync(key, expectedVersion, cancellationToken);
    }

    public Task<SessionWriteResult> TryRemoveAsync(string key, long expectedVersion, CancellationToken cancellationToken = default)
    {
        Remove(key);
        return CompareAndCommitAsync(key, expectedVersion, cancellationToken);
    }

    public async Task<byte[]?> UpdateAsync(string key, Func<byte[]?, byte[]?> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var version = GetVersion(key);
            var current = TryGetValue(key, out var value) ? value : null;
            var next = update(current);
            var result = next is null
                ? await TryRemoveAsync(key, version, cancellationToken)
                : await TrySetAsync(key, next, version, cancellationToken);
            if (result.Succeeded)
            {
                return next;
            }

            if (attempt >= 2)
            {
                // Many writers on one key: step aside for a moment, randomly, so they stop colliding.
                await Task.Delay(Random.Shared.Next(1, 2 << Math.Min(attempt, 5)), cancellationToken);
            }
        }

        throw new InvalidOperationException($"The session key '{key}' kept changing under {MaxUpdateAttempts} attempts to update it.");
    }

    /// <summary>
    /// Commits everything pending: as one plain replace when the changes only replace values with values of the
    /// same stored length (<see cref="ReplacingWrites"/>), else as a delta through the commit script. A
    /// compare-and-set check can only fail here when its own call failed first (its caller saw the exception): that
    /// change is dropped, and the rest commits. The middleware and the response's start call it directly (no Task made for it).
    /// </summary>
    internal ValueTask CommitPendingAsync(CancellationToken cancellationToken) =>
        ReplacingWrites() is { } writes ? ReplaceAsync(writes, cancellationToken) : CommitDeltasAsync(cancellationToken);

    private async ValueTask CommitDeltasAsync(CancellationToken cancellationToken)
    {
        while (HasChanges && await CommitDeltaAsync(BuildDelta(), cancellationToken) is { Status: CommitStatus.Conflict } outcome)
        {
            LoseConflict(outcome.ConflictName!, outcome.Conflicting);
        }
    }

    /// <summary>The plain replace of <see cref="ReplacingWrites"/>; a session that ended meanwhile carries on as a fresh one.</summary>
    private async ValueTask ReplaceAsync(SessionWrite[] writes, CancellationToken cancellationToken)
    {
        // A token cancelled already sends nothing: there is no outcome to resolve.
        cancellationToken.ThrowIfCancellationRequested();
        bool lives;
        try
        {
            lives = await _engine.Store.ReplaceAsync(Handle, Key, writes, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SessionStoreUnavailableException { CommandMayHaveRun: true })
        {
            // The write may have run all the same: the changes stay pending, and the next commit sends them again.
            Log.CommitOutcomeUnknown(_engine.Logger, SessionTelemetry.ShortHandle(Handle));
            throw;
        }

        if (!lives)
        {
            Log.SessionEndedBeforeCommit(_engine.Logger, SessionTelemetry.ShortHandle(Handle));
            BecomeNew();
            return;
        }

        foreach (var (name, value) in writes)
        {
            KeepWritten(name, value);
        }

        DiscardChanges();
        LogStored();
    }

    private async Task<SessionWriteResult> CompareAndCommitAsync(string key, long expectedVersion, CancellationToken cancellationToken)
    {
        Guard(key, expectedVersion);
        while (true)
        {
            var outcome = await CommitDeltaAsync(BuildDelta(), cancellationToken);
            if (outcome.Status != CommitStatus.Conflict)
            {
                return new SessionWriteResult(outcome.Status == CommitStatus.Committed, GetVersion(key));
            }

            // The key that lost may be another one, guarded by an earlier call that failed: drop it and go again.
            LoseConflict(outcome.ConflictName!, outcome.Conflicting);
            if (outcome.ConflictName == key)
            {
                return new SessionWriteResult(false, outcome.ConflictVersion);
            }
        }
    }

    private async Task<CommitOutcome> CommitDeltaAsync(SessionDelta delta, CancellationToken cancellationToken)
    {
        // A token cancelled already sends nothing: there is no outcome to resolve.
        cancellationToken.ThrowIfCancellationRequested();
        var wasNew = IsNew;
        CommitOutcome outcome;
        try
        {
            outcome = await _engine.Store.CommitAsync(Handle, Mode, delta, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SessionStoreUnavailableException { CommandMayHaveRun: true })
        {
            // The command may have run all the same. The delta stays pending, and a new session's next commit must
            // accept the key this attempt may have created: accepting a key named after this request's own fresh
            // id is always safe, so a cancellation is judged conservatively.
            Log.CommitOutcomeUnknown(_engine.Logger, SessionTelemetry.ShortHandle(Handle));
            _createMayHaveRun |= IsNew;
            throw;
        }

        switch (outcome.Status)
        {
            case CommitStatus.Committed:
                ApplyCommitted(delta, outcome);
                if (wasNew)
                {
                    Log.SessionStarted(_engine.Logger, SessionTelemetry.ShortHandle(Handle));
                }

                LogStored();
                break;
            case CommitStatus.Ended:
                Log.SessionEndedBeforeCommit(_engine.Logger, SessionTelemetry.ShortHandle(Handle));
                BecomeNew();
                break;
            case CommitStatus.TooManyKeys:
                DiscardChanges();
                throw Refuse(new SessionLimitExceededException(SessionLimit.KeyCount, _engine.Store.Options.MaxKeys, outcome.Over));
            case CommitStatus.TooManyBytes:
                DiscardChanges();
                throw Refuse(new SessionLimitExceededException(SessionLimit.SessionBytes, _engine.Store.Options.MaxSessionBytes, outcome.Over));
            case CommitStatus.AlreadyExists:
                throw new InvalidOperationException("A freshly generated session id collided with a live session; refusing to overwrite it.");
            case CommitStatus.Conflict:
                break;
        }

        return outcome;
    }

    /// <summary>
    /// The pending changes as plain replaces, each value encoded with a fresh version, when they only replace values
    /// this request loaded with values of the same stored length and change nothing else: such a commit cannot pass
    /// a limit or change the stored counts. Null otherwise (a new session, a clear, a removal, a new key, a
    /// compare-and-set check, a user or ticket, an idle timeout, or a length that differs).
    /// </summary>
    private SessionWrite[]? ReplacingWrites()
    {
        if (IsNew || _clear || _idlePending is not null || _identityPending is not null || _checks is { Count: > 0 } || _pending is not { Count: > 0 })
        {
            return null;
        }

        var codec = _engine.Codec;
        foreach (var (name, value) in _pending)
        {
            if (value is null || !_record.Values.TryGetValue(name, out var seen)
                || codec.EncodedLength(value.Length) is { } length && seen.Bytes.Length != StoredValue.VersionBytes + length)
            {
                return null;
            }
        }

        var writes = new SessionWrite[_pending.Count];
        var i = 0;
        foreach (var (name, value) in _pending)
        {
            var stored = StoredValue.Create(codec, name, value!);
            if (!_record.Values.TryGetValue(name, out var seen) || stored.Bytes.Length != seen.Bytes.Length)
            {
                // A codec whose lengths cannot be told before encoding (Data Protection) and that came out longer.
                return null;
            }

            writes[i++] = new SessionWrite(name, stored);
        }

        return writes;
    }

    /// <summary>Logs a commit; the handle's prefix is cut only when the entry is written.</summary>
    private void LogStored()
    {
        if (_engine.Logger.IsEnabled(LogLevel.Debug))
        {
            Log.SessionStored(_engine.Logger, SessionTelemetry.ShortHandle(Handle), _record.Values.Count);
        }
    }
}
