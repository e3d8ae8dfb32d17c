using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Telemetry;

namespace SessionApp.Sessions;

/// <summary>
/// One request's session. Reads come from the state loaded with the request (this file); writes are kept as
/// pending changes and committed as one delta (<c>RedisSession.Changes.cs</c>, <c>RedisSession.Commit.cs</c>), so
/// concurrent requests that change different keys of the same session both persist; the id's life — rotation,
/// binding to a user, revocation, and whether the response must issue or withdraw it — is in
/// <c>RedisSession.Identity.cs</c>.
/// </summary>
internal sealed partial class RedisSession : IServerSession
{
    private readonly SessionEngine _engine;
    private readonly ClientInfo _client;

    // Made on first use: a request that reads nothing decodes nothing.
    private Dictionary<string, byte[]>? _decoded;
    private SessionRecord _record;

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

    internal byte[]? Ticket => _record.Ticket;

    internal string? TicketKey => _record.TicketKey;

    public bool IsAvailable => true;

    string ISession.Id => Handle;

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

    /// <summary>Values this request has decoded (or written), by name: each is decoded once however often it is read.</summary>
    private Dictionary<string, byte[]> Decoded => _decoded ??= new(_record.Values.Count + 1, StringComparer.Ordinal);

    internal static RedisSession Loaded(SessionEngine engine, ClientInfo client, string secretId, SessionRecord record) =>
        new(engine, client, secretId, record, isNew: false);

    internal static RedisSession New(SessionEngine engine, ClientInfo client)
    {
        var secretId = SessionIds.NewId();
        return new RedisSession(engine, client, secretId, NewRecord(engine, engine.Store.HandleFor(secretId)), isNew: true);
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

    public long GetVersion(string key) =>
        !_clear && !_pending.ContainsKey(key) && _record.Values.TryGetValue(key, out var stored) ? stored.Version : 0;

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
