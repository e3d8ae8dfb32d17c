using SessionApp.Sessions.Storage;

namespace SessionApp.Sessions;

/// <summary>
/// The changes this request has made and not yet committed, and the <see cref="SessionDelta"/> they make: values
/// set and removed, a clear, changes to who the session belongs to (<see cref="IdentityChanges"/>), an idle timeout,
/// and the compare-and-set checks that guard values.
/// A commit sends the delta; a commit that succeeds folds it into the loaded state (<see cref="ApplyCommitted"/>);
/// a commit that fails leaves it pending — a compare-and-set value still guarded by its check, so it never turns
/// into an unconditional write — and the next commit sends it again.
/// </summary>
internal sealed partial class RedisSession
{
    // Made on first change: a request that only reads allocates no dictionary of changes.
    private Dictionary<string, byte[]?>? _pending;

    // Made on change: most requests change neither user nor ticket.
    private IdentityChanges? _identityPending;

    /// <summary>The version each compare-and-set value expects to replace, until it is committed (0: absent).</summary>
    private Dictionary<string, long>? _checks;

    private bool _clear;

    /// <summary>The idle timeout this request gave the session, in milliseconds, until it is committed.</summary>
    private long? _idlePending;

    internal bool HasChanges => _clear || _pending is { Count: > 0 } || _identityPending is not null || _idlePending is not null;

    private Dictionary<string, byte[]?> Pending => _pending ??= new(StringComparer.Ordinal);

    public void Set(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ValidateKey(key);
        var options = _engine.Store.Options;
        if (value.Length > options.MaxValueBytes)
        {
            throw Refuse(new SessionLimitExceededException(SessionLimit.ValueBytes, options.MaxValueBytes, value.Length));
        }

        var exists = _pending is not null && _pending.TryGetValue(key, out var pendingValue) ? pendingValue is not null : !_clear && _record.Values.ContainsKey(key);
        if (!exists && KeyCount() + 1 > options.MaxKeys)
        {
            throw Refuse(new SessionLimitExceededException(SessionLimit.KeyCount, options.MaxKeys, KeyCount() + 1));
        }

        Pending[key] = value.ToArray();
        _checks?.Remove(key);
        MarkChanged();
    }

    public void Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Pending[key] = null;
        _checks?.Remove(key);
        MarkChanged();
    }

    public void Clear()
    {
        _pending?.Clear();
        _checks?.Clear();
        _clear = true;
        MarkChanged();
    }

    public void SetIdleTimeout(TimeSpan idleTimeout)
    {
        var absolute = _engine.Store.Options.AbsoluteTimeout;
        if (idleTimeout < TimeSpan.FromMilliseconds(1) || idleTimeout > absolute)
        {
            throw new ArgumentOutOfRangeException(
                nameof(idleTimeout), idleTimeout, $"A session's idle timeout must lie between 1 ms and its absolute lifetime, Sessions:AbsoluteTimeout ({absolute}).");
        }

        _idlePending = (long)idleTimeout.TotalMilliseconds;
        MarkChanged();
    }

    /// <summary>Stores the (already protected) authentication ticket, under its key, with the session's next commit.</summary>
    internal void SetTicket(SessionTicket ticket)
    {
        _identityPending = (_identityPending ?? IdentityChanges.None) with { Ticket = IdentityChange<SessionTicket>.To(ticket) };
        MarkChanged();
    }

    /// <summary>How many keys the session holds as this request sees it.</summary>
    private int KeyCount()
    {
        var count = _clear ? 0 : _record.Values.Count;
        if (_pending is null)
        {
            return count;
        }

        foreach (var (name, value) in _pending)
        {
            var stored = !_clear && _record.Values.ContainsKey(name);
            count += value is null ? (stored ? -1 : 0) : (stored ? 0 : 1);
        }

        return count;
    }

    private void ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var maxLength = _engine.Store.Options.MaxKeyLength;
        if (key.Length > maxLength)
        {
            throw Refuse(new SessionLimitExceededException(SessionLimit.KeyLength, maxLength, key.Length));
        }

        if (key.Length == 0)
        {
            throw new ArgumentException("A session key must not be empty.", nameof(key));
        }
    }

    /// <summary>The pending changes as one delta, each value encoded and stamped with a fresh version.</summary>
    private SessionDelta BuildDelta()
    {
        var delta = new SessionDelta { Clear = _clear, IdleMs = _idlePending, Identity = _identityPending ?? IdentityChanges.None };
        foreach (var (name, value) in Pending)
        {
            if (value is null)
            {
                delta.Removes.Add(name);
            }
            else
            {
                delta.Sets.Add(new(name, StoredValue.Create(_engine.Codec, name, value)));
            }
        }

        if (_checks is not null)
        {
            delta.ExpectedVersions.AddRange(_checks);
        }

        return delta;
    }

    /// <summary>Guards the pending change to <paramref name="key"/>: it commits only if the key still has <paramref name="expectedVersion"/>.</summary>
    private void Guard(string key, long expectedVersion) => (_checks ??= new(StringComparer.Ordinal))[key] = expectedVersion;

    /// <summary>
    /// A compare-and-set lost: forgets the pending change to the key and takes the value Redis holds now (null:
    /// absent), which may be this request's own write from an attempt whose outcome was unknown.
    /// </summary>
    private void LoseConflict(string key, StoredValue? current)
    {
        _pending?.Remove(key);
        _checks?.Remove(key);
        if (current is { } value)
        {
            _record.Values.Set(key, value);
        }
        else
        {
            _record.Values.Remove(key);
        }
    }

    /// <summary>Folds a committed delta into the loaded state, as Redis now holds it, and clears what was pending.</summary>
    private void ApplyCommitted(SessionDelta delta, CommitOutcome outcome)
    {
        if (delta.Clear)
        {
            _record.Values.Clear();
        }

        foreach (var (name, value) in delta.Sets)
        {
            KeepWritten(name, value);
        }

        foreach (var name in delta.Removes)
        {
            _record.Values.Remove(name);
        }

        _record.ApplyIdentity(delta.Identity);

        if (delta.IdleMs is { } idleMs)
        {
            _record.IdleMs = idleMs;
        }

        if (IsNew)
        {
            _record.CreatedMs = outcome.NowMs;
            _record.AbsoluteExpiryMs = outcome.NowMs + (long)_engine.Store.Options.AbsoluteTimeout.TotalMilliseconds;
            IsNew = false;
            _createMayHaveRun = false;
        }

        _record.LastSeenMs = outcome.NowMs;
        _record.StoredBytes = outcome.StoredBytes;
        DiscardChanges();
    }

    /// <summary>A value this request committed: what it wrote is what it reads back, kept decoded beside the stored bytes.</summary>
    private void KeepWritten(string name, StoredValue stored) => _record.Values.Set(name, stored with { Decoded = _pending![name] });

    private void DiscardChanges()
    {
        _pending?.Clear();
        _checks?.Clear();
        _identityPending = null;
        _idlePending = null;
        _clear = false;
    }
}
