using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Telemetry;
using StackExchange.Redis;

namespace SessionApp.Sessions;

/// <summary>
/// One request's session. Reads come from the state loaded with the request (this file); writes are kept as
/// pending changes and committed as one delta (<c>RedisSession.Changes.cs</c>, <c>RedisSession.Commit.cs</c>), so
/// concurrent requests that change different keys of the same session both persist; the id's life — rotation,
/// binding to a user, revocation, and whether the response must issue or withdraw it — is in
/// <c>RedisSession.Identity.cs</c>.
/// </summary>
internal sealed partial class RedisSession : IServerSession, ISessionFeature
{
    private readonly SessionEngine _engine;
    private readonly ClientInfo _client;

    private SessionRecord _record;

    // The session's Redis key, made once per handle: the load's key serves the commit too.
    private RedisKey _key;
    private string? _keyHandle;

    private RedisSession(SessionEngine engine, ClientInfo client, string secretId, SessionRecord record, bool isNew)
    {
        _engine = engine;
        _client = client;
        SecretId = secretId;
        _record = record;
        IsNew = isNew;
    }

    /// <summary>
    /// The session's handle: the hash of its secret id, which names it in Redis, in logs and to
    /// <see cref="Users.ISessionManager"/>. <see cref="ISession.Id"/> returns it too; the secret id never leaves
    /// the cookie or header that carries it.
    /// </summary>
    internal string Handle => _record.Handle;

    /// <summary>Whether the session exists only in this request so far: its first commit creates it.</summary>
    internal bool IsNew { get; private set; }

    /// <summary>The session's key in Redis (<see cref="SessionKeys.Session"/>), made again only when the handle changes.</summary>
    internal RedisKey Key
    {
        get
        {
            var handle = _record.Handle;
            if (!ReferenceEquals(handle, _keyHandle))
            {
                _key = _engine.Store.Keys.Session(handle);
                _keyHandle = handle;
            }

            return _key;
        }
    }

    internal byte[]? Ticket => _record.Ticket;

    internal string? TicketKey => _record.TicketKey;

    public bool IsAvailable => true;

    /// <summary>
    /// The session is its own <see cref="ISessionFeature"/> behind <c>HttpContext.Session</c>: one object per request
    /// fewer than a separate feature. The engine owns <c>HttpContext.Session</c>; it cannot be replaced.
    /// </summary>
    ISession ISessionFeature.Session
    {
        get => this;
        set => throw new NotSupportedException("The Redis session engine owns HttpContext.Session; it cannot be replaced.");
    }

    string ISession.Id => Handle;

    public IEnumerable<string> Keys =>
        (_clear ? [] : _record.Values.Keys.Where(k => _pending is null || !_pending.ContainsKey(k)))
            .Concat((_pending ?? []).Where(static p => p.Value is not null).Select(static p => p.Key))
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

    /// <summary>The session <see cref="RedisSessionStore.FindAsync"/> found (its record not null), keeping the key it was loaded under.</summary>
    internal static RedisSession Loaded(SessionEngine engine, ClientInfo client, string secretId, SessionLookup found) =>
        new(engine, client, secretId, found.Record!, isNew: false) { _key = found.Key, _keyHandle = found.Handle };

    internal static RedisSession New(SessionEngine engine, ClientInfo client)
    {
        var secretId = SessionIds.NewId();
        return new RedisSession(engine, client, secretId, NewRecord(engine, SessionIds.ToHandle(secretId)), isNew: true);
    }

    public Task LoadAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_pending is not null && _pending.TryGetValue(key, out value))
        {
            return value is not null;
        }

        if (!_clear)
        {
            // Each value is decoded once however often it is read, and kept beside its stored bytes.
            ref var stored = ref _record.Values.GetValueRefOrNullRef(key);
            if (!Unsafe.IsNullRef(ref stored))
            {
                value = stored.Decoded;
                if (value is null)
                {
                    value = _engine.Codec.Decode(key, stored.Encoded);
                    stored = stored with { Decoded = value };
                }

                return true;
            }
        }

        value = null;
        return false;
    }

    public long GetVersion(string key) =>
        !_clear && (_pending is null || !_pending.ContainsKey(key)) && _record.Values.TryGetValue(key, out var stored) ? stored.Version : 0;

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

    private SessionLimitExceededException Refuse(SessionLimitExceededException exception)
    {
        Log.LimitExceeded(_engine.Logger, SessionTelemetry.ShortHandle(Handle), exception.Message);
        SessionTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("error.type", "limit." + exception.Limit));
        return exception;
    }
}
