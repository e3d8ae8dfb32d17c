using Microsoft.Extensions.Logging;
using SessionApp.Sessions.Protection;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Telemetry;
using StackExchange.Redis;

namespace SessionApp.Sessions.Users;

/// <summary>
/// The per-user index: a sorted set of session handles scored by creation time, named by the user's keyed hash
/// (<see cref="UserKeyHasher"/>). A session and its index live in different hash slots, so the index is maintained
/// next to the session rather than in its script; entries whose session has ended are pruned whenever the index
/// is read or written, and the index itself expires with the newest session it could hold, so it never grows
/// without bound. The <c>users</c> set (the tags of users with sessions, for statistics) is pruned with the
/// indexes: a user leaves it when a prune, a removal or a revocation empties the user's index, and the whole set
/// expires with the newest session it could list.
/// </summary>
internal sealed class SessionUserIndex : ISessionManager
{
    private const int StatsUserLimit = 10_000;

    /// <summary>How close to the absolute expiry a key's expiry counts as capped by it (clock skew, rounding).</summary>
    private static readonly TimeSpan AbsoluteCapTolerance = TimeSpan.FromSeconds(1);
    private readonly RedisSessionStore _store;
    private readonly SessionValueCodec _codec;
    private readonly ILogger<SessionUserIndex> _logger;

    public SessionUserIndex(RedisSessionStore store, SessionValueCodec codec, ILogger<SessionUserIndex> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _codec = codec;
        _logger = logger;
    }

    private SessionKeys Keys => _store.Keys;

    /// <summary>Adds a session to its user's index and ends the oldest ones over the cap; returns how many ended.</summary>
    public async Task<int> AddAsync(string userId, string handle, long createdMs, CancellationToken cancellationToken)
    {
        var options = _store.Options;
        var tag = Keys.UserTag(userId);
        var index = Keys.UserIndex(tag);
        var lifetime = options.AbsoluteTimeout + TimeSpan.FromMinutes(1);
        var entries = await _store.RunAsync("bind", async db =>
        {
            var batch = db.CreateBatch();
            var added = batch.SortedSetAddAsync(index, handle, createdMs);
            var listed = batch.SetAddAsync(Keys.Users(), tag);
            var expiry = batch.KeyExpireAsync(index, lifetime);
            var listExpiry = batch.KeyExpireAsync(Keys.Users(), lifetime);
            var members = batch.SortedSetRangeByRankWithScoresAsync(index);
            batch.Execute();
            await Task.WhenAll(added, listed, expiry, listExpiry, members);
            return members.Result;
        }, cancellationToken);

        var live = await PruneAsync(tag, entries, cancellationToken);
        var cap = options.MaxSessionsPerUser;
        if (cap <= 0 || live.Count <= cap)
        {
            await _store.ConfirmAsync("bind", identity: true, [index], cancellationToken);
            return 0;
        }

        var evicted = live.Where(h => h != handle).Take(live.Count - cap).ToList();
        await DeleteAsync(index, evicted, cancellationToken);
        await _store.ConfirmAsync("bind", identity: true, [index, .. evicted.Select(Keys.Session)], cancellationToken);
        SessionTelemetry.Revocations.Add(evicted.Count, new KeyValuePair<string, object?>("reason", "cap"));
        Log.Revoked(_logger, evicted.Count, "cap");
        return evicted.Count;
    }

    /// <summary>Replaces a rotated handle in its user's index; the rotation waits for a replica of it (durable writes) itself.</summary>
    public Task ReplaceAsync(string userId, string oldHandle, string newHandle, long createdMs, CancellationToken cancellationToken)
    {
        var index = Keys.User(userId);
        return _store.RunAsync("rotate-index", async db =>
        {
            var batch = db.CreateBatch();
            var removed = batch.SortedSetRemoveAsync(index, oldHandle);
            var added = batch.SortedSetAddAsync(index, newHandle, createdMs);
            batch.Execute();
            await Task.WhenAll(removed, added);
            return true;
        }, cancellationToken);
    }

    public async Task RemoveAsync(string userId, string handle, CancellationToken cancellationToken)
    {
        var tag = Keys.UserTag(userId);
        if (await _store.RunAsync("unindex", db => db.SortedSetRemoveAsync(Keys.UserIndex(tag), handle), cancellationToken))
        {
            await ForgetIfGoneAsync(tag, cancellationToken);
            await _store.ConfirmAsync("unindex", identity: true, [Keys.UserIndex(tag)], cancellationToken);
        }
    }

    public Task<IReadOnlyList<SessionInfo>> ListAsync(string userId, string? currentHandle = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return ListByTagAsync(Keys.UserTag(userId), currentHandle, cancellationToken);
    }

    public async Task<bool> RevokeAsync(string userId, string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(handle);
        var tag = Keys.UserTag(userId);
        var index = Keys.UserIndex(tag);
        using var activity = SessionTelemetry.StartActivity("revoke", handle);
        var score = await _store.RunAsync("revoke", db => db.SortedSetScoreAsync(index, handle), cancellationToken);
        if (score is null)
        {
            return false;
        }

        var existed = await _store.DeleteAsync(handle, cancellationToken);
        await _store.RunAsync("revoke", db => db.SortedSetRemoveAsync(index, handle), cancellationToken);
        await ForgetIfGoneAsync(tag, cancellationToken);
        await _store.ConfirmAsync("revoke", identity: true, [index, Keys.Session(handle)], cancellationToken);
        if (existed)
        {
            SessionTelemetry.Revocations.Add(1, new KeyValuePair<string, object?>("reason", "user"));
            Log.Revoked(_logger, 1, "one");
        }

        return existed;
    }

    public async Task<int> RevokeAllAsync(string userId, string? exceptHandle = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var tag = Keys.UserTag(userId);
        var index = Keys.UserIndex(tag);
        using var activity = SessionTelemetry.StartActivity("revoke_all", exceptHandle);
        var handles = await _store.RunAsync("revoke", db => db.SortedSetRangeByRankAsync(index), cancellationToken);
        var targets = handles.Select(h => (string)h!).Where(h => h != exceptHandle).ToList();
        var ended = await DeleteAsync(index, targets, cancellationToken);
        if (targets.Count > 0)
        {
            await ForgetIfGoneAsync(tag, cancellationToken);
            await _store.ConfirmAsync("revoke", identity: true, [index, .. targets.Select(Keys.Session)], cancellationToken);
        }

        var reason = exceptHandle is null ? "all" : "others";
        activity?.SetTag("session.revoked", ended);
        SessionTelemetry.Revocations.Add(ended, new KeyValuePair<string, object?>("reason", reason));
        Log.Revoked(_logger, ended, reason);
        return ended;
    }

    public async Task<IReadOnlyList<SessionValue>> ReadEachAsync(string userId, string key, string? exceptHandle = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var index = Keys.User(userId);
        var field = ValueNames.Field(key);
        var stored = await _store.RunAsync("read-each", async db =>
        {
            var handles = (await db.SortedSetRangeByRankAsync(index)).Select(static h => (string)h!).Where(h => h != exceptHandle).ToArray();
            var batch = db.CreateBatch();
            var reads = handles.Select(h => batch.HashGetAsync(Keys.Session(h), field)).ToArray();
            batch.Execute();
            var values = await Task.WhenAll(reads);
            return handles.Zip(values);
        }, cancellationToken);

        return [.. stored.Where(static v => v.Second.HasValue)
            .Select(v => new SessionValue(v.First, _codec.Decode(key, new StoredValue((byte[])v.Second!).Encoded)))];
    }

    public async Task<SessionStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var tags = await _store.RunAsync("stats", db => db.SetRandomMembersAsync(Keys.Users(), StatsUserLimit), cancellationToken);
        long userCount = 0;
        long sessionCount = 0;
        foreach (var tag in tags)
        {
            // Listing prunes: a user whose sessions have all ended leaves the set here.
            var sessions = await ListByTagAsync((string)tag!, null, cancellationToken);
            if (sessions.Count > 0)
            {
                userCount++;
                sessionCount += sessions.Count;
            }
        }

        return new SessionStats(userCount, sessionCount);
    }

    private async Task<IReadOnlyList<SessionInfo>> ListByTagAsync(string tag, string? currentHandle, CancellationToken cancellationToken)
    {
        var index = Keys.UserIndex(tag);
        var handles = await _store.RunAsync("list", db => db.SortedSetRangeByRankAsync(index), cancellationToken);
        var rows = await _store.RunAsync("list", async db =>
        {
            var batch = db.CreateBatch();
            var reads = handles.Select(h => Keys.Session(h!)).Select(key => (Metadata: batch.HashGetAsync(key, SessionRecord.MetadataField), Ttl: batch.KeyTimeToLiveAsync(key))).ToArray();
            batch.Execute();
            await Task.WhenAll(reads.Select(static r => (Task)r.Metadata).Concat(reads.Select(static r => r.Ttl)));
            return reads.Select(static r => (Metadata: r.Metadata.Result, Ttl: r.Ttl.Result)).ToArray();
        }, cancellationToken);

        var now = DateTimeOffset.UtcNow;
        var sessions = new List<SessionInfo>(handles.Length);
        var ended = new List<RedisValue>();
        for (var i = 0; i < handles.Length; i++)
        {
            var (field, ttl) = rows[i];
            if (ttl is null || !SessionRecord.TryParseMetadataField(((ReadOnlyMemory<byte>)field).Span, out var metadata, out var owner))
            {
                ended.Add(handles[i]);
                continue;
            }

            // The key's live expiry is the truth: every write and touch sets it to min(now + idle, absolute), so
            // unless it sits at the absolute cap, the session was last seen one idle timeout before it.
            var handle = (string)handles[i]!;
            var expiresAt = now + ttl.Value;
            var idle = TimeSpan.FromMilliseconds(metadata.IdleMs);
            var lastSeen = FromMs(metadata.LastSeenMs);
            if (expiresAt < FromMs(metadata.AbsoluteExpiryMs) - AbsoluteCapTolerance && expiresAt - idle > lastSeen)
            {
                lastSeen = expiresAt - idle;
            }

            var (ipAddress, userAgent) = SessionRecord.Client(owner?.Client);
            sessions.Add(new SessionInfo(
                handle,
                FromMs(metadata.CreatedMs),
                lastSeen > now ? now : lastSeen,
                expiresAt,
                ipAddress,
                userAgent,
                handle == currentHandle));
        }

        if (ended.Count > 0 || handles.Length == 0)
        {
            if (ended.Count > 0)
            {
                await _store.RunAsync("prune", db => db.SortedSetRemoveAsync(index, [.. ended]), cancellationToken);
            }

            await ForgetIfGoneAsync(tag, cancellationToken);
        }

        return sessions;
    }

    private async Task<List<string>> PruneAsync(string tag, SortedSetEntry[] entries, CancellationToken cancellationToken)
    {
        var index = Keys.UserIndex(tag);
        var exists = await _store.RunAsync("prune", async db =>
        {
            var batch = db.CreateBatch();
            var checks = entries.Select(e => batch.KeyExistsAsync(Keys.Session((string)e.Element!))).ToArray();
            batch.Execute();
            return await Task.WhenAll(checks);
        }, cancellationToken);

        var ended = entries.Where((_, i) => !exists[i]).Select(e => e.Element).ToArray();
        if (ended.Length > 0)
        {
            await _store.RunAsync("prune", db => db.SortedSetRemoveAsync(index, ended), cancellationToken);
            await ForgetIfGoneAsync(tag, cancellationToken);
        }

        return [.. entries.Where((_, i) => exists[i]).Select(e => (string)e.Element!)];
    }

    private async Task<int> DeleteAsync(RedisKey index, List<string> handles, CancellationToken cancellationToken)
    {
        if (handles.Count == 0)
        {
            return 0;
        }

        var deleted = await _store.RunAsync("revoke", async db =>
        {
            var batch = db.CreateBatch();
            var deletes = handles.Select(h => batch.KeyDeleteAsync(Keys.Session(h))).ToArray();
            var unindexed = batch.SortedSetRemoveAsync(index, [.. handles.Select(static h => (RedisValue)h)]);
            batch.Execute();
            await unindexed;
            return await Task.WhenAll(deletes);
        }, cancellationToken);
        return deleted.Count(static d => d);
    }

    /// <summary>
    /// Takes a user out of the <c>users</c> set once the user's index is empty (or has expired). Not atomic with a
    /// concurrent bind, which lives in other hash slots: a bind that races it is listed again by its user's next bind.
    /// </summary>
    private async Task ForgetIfGoneAsync(string tag, CancellationToken cancellationToken)
    {
        var index = Keys.UserIndex(tag);
        if (await _store.RunAsync("prune", db => db.SortedSetLengthAsync(index), cancellationToken) == 0)
        {
            await _store.RunAsync("prune", db => db.SetRemoveAsync(Keys.Users(), tag), cancellationToken);
        }
    }

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
