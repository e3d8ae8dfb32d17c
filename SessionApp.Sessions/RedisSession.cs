using System.Diagnostics.CodeAnalysis;
using System.Text;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Telemetry;

namespace SessionApp.Sessions;

/// <summary>
/// One request's session. Reads come from the state loaded with the request; writes are kept as a delta of
/// changed and removed keys and committed in one script call, so concurrent requests that change different
/// keys of the same session both persist.
/// </summary>
internal sealed partial class RedisSession : IServerSession
{
    private const int MaxUpdateAttempts = 64;
    private readonly SessionEngine _engine;
    private readonly ClientInfo _client;
    private readonly Dictionary<string, byte[]?> _pending = new(StringComparer.Ordinal);

    // Made on first use: most requests change no metadata, and a request that reads nothing decodes nothing.
    private Dictionary<string, byte[]>? _metadataPending;
    private Dictionary<string, byte[]>? _decoded;
    private SessionRecord _record;
    private bool _clear;

    /// <summary>The idle timeout this request gave the session, in milliseconds, until it is committed.</summary>
    private long? _idlePending;

    private RedisSession(SessionEngine engine, ClientInfo client, string id, SessionRecord record, bool isNew)
    {
        _engine = engine;
        _client = client;
        CookieId = id;
        _record = record;
        IsNew = isNew;
    }

    /// <summary>The raw id, for the cookie only.</summary>
    internal string CookieId { get; private set; }

    /// <summary>Whether the cookie must be (re)issued: a new session with data, or a rotated one.</summary>
    internal bool CookieNeedsIssuing { get; private set; }

    /// <summary>Whether a stale cookie must be deleted: an ended session and no new one to replace it.</summary>
    internal bool CookieNeedsDeleting { get; set; }

    internal bool IsNew { get; private set; }

    internal bool HasChanges => _clear || _pending.Count > 0 || _metadataPending is { Count: > 0 } || _idlePending is not null;

    /// <summary>Values this request has decoded (or written), by name: each is decoded once however often it is read.</summary>
    private Dictionary<string, byte[]> Decoded => _decoded ??= new(_record.Values.Count + 1, StringComparer.Ordinal);

    private Dictionary<string, byte[]> MetadataPending => _metadataPending ??= new(StringComparer.Ordinal);

    internal byte[]? Ticket => _record.Ticket;

    internal string? TicketKey => _record.TicketKey;

    public bool IsAvailable => true;

    public string Id => _record.Handle;

    public IEnumerable<string> Keys =>
        (_clear ? [] : _record.Values.Keys.Where(k => !_pending.ContainsKey(k)))
            .Concat(_pending.Where(static p => p.Value is not null).Select(static p => p.Key))
            .ToList();

    public string? UserId => _record.UserId;

    public SessionMetadata Metadata
    {
        get
        {
            var idleMs = _idlePending ?? _record.IdleMs;
            return new(
                _record.Handle,
                IsNew,
                DateTimeOffset.FromUnixTimeMilliseconds(_record.CreatedMs),
                DateTimeOffset.FromUnixTimeMilliseconds(_record.LastSeenMs),
                DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(_record.LastSeenMs + idleMs, _record.AbsoluteExpiryMs)),
                DateTimeOffset.FromUnixTimeMilliseconds(_record.AbsoluteExpiryMs),
                TimeSpan.FromMilliseconds(idleMs),
                _record.UserId);
        }
    }

    internal static RedisSession Loaded(SessionEngine engine, ClientInfo client, string id, SessionRecord record) =>
        new(engine, client, id, record, isNew: false);

    internal static RedisSession New(SessionEngine engine, ClientInfo client)
    {
        var id = SessionIds.NewId();
        return new RedisSession(engine, client, id, NewRecord(engine, SessionIds.ToHandle(id)), isNew: true);
    }

    public Task LoadAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_pending.TryGetValue(key, out value))
        {
            return value is not null;
        }

        if (!_clear && _record.Values.TryGetValue(key, out var stored))
        {
            if (_decoded is null || !_decoded.TryGetValue(key, out value))
            {
                value = _engine.Codec.Decode(key, stored.Encoded);
                Decoded[key] = value;
            }

            return true;
        }

        value = null;
        return false;
    }

    public void Set(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ValidateKey(key);
        var options = _engine.Store.Options;
        if (value.Length > options.MaxValueBytes)
        {
            throw Refuse(new SessionLimitExceededException(SessionLimit.ValueBytes, options.MaxValueBytes, value.Length));
        }

        var exists = _pending.TryGetValue(key, out var pendingValue) ? pendingValue is not null : !_clear && _record.Values.ContainsKey(key);
        if (!exists && KeyCount() + 1 > options.MaxKeys)
        {
            throw Refuse(new SessionLimitExceededException(SessionLimit.KeyCount, options.MaxKeys, KeyCount() + 1));
        }

        _pending[key] = value.ToArray();
        MarkChanged();
    }

    public void Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _pending[key] = null;
        MarkChanged();
    }

    public void Clear()
    {
        _pending.Clear();
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

    public long GetVersion(string key) =>
        !_clear && !_pending.ContainsKey(key) && _record.Values.TryGetValue(key, out var stored) ? stored.Version : 0;

    public Task CommitAsync(CancellationToken cancellationToken = default) =>
        HasChanges ? CommitDeltaAsync(BuildDelta(), cancellationToken) : Task.CompletedTask;

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

    /// <summary>How many keys the session holds as this request sees it.</summary>
    private int KeyCount()
    {
        var count = _clear ? 0 : _record.Values.Count;
        foreach (var (name, value) in _pending)
        {
            var stored = !_clear && _record.Values.ContainsKey(name);
            count += value is null ? (stored ? -1 : 0) : (stored ? 0 : 1);
        }

        return count;
    }

    private static SessionRecord NewRecord(SessionEngine engine, string handle)
    {
        var options = engine.Store.Options;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new SessionRecord
        {
            Handle = handle,
            CreatedMs = now,
            LastSeenMs = now,
            IdleMs = (long)options.IdleTimeout.TotalMilliseconds,
            AbsoluteExpiryMs = now + (long)options.AbsoluteTimeout.TotalMilliseconds,
        };
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

    private SessionLimitExceededException Refuse(SessionLimitExceededException exception)
    {
        Log.LimitExceeded(_engine.Logger, SessionTelemetry.ShortHandle(Id), exception.Message);
        SessionTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("error.type", "limit." + exception.Limit));
        return exception;
    }

    private void MarkChanged()
    {
        if (IsNew)
        {
            CookieNeedsIssuing = true;
        }
    }

    private void SetMetadata(string field, string? value) =>
        MetadataPending[field] = value is null ? [] : Encoding.UTF8.GetBytes(value);
}
