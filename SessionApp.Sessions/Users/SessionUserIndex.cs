using Microsoft.Extensions.Logging;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Telemetry;
using StackExchange.Redis;

namespace SessionApp.Sessions.Users;

/// <summary>
/// The per-user index: a sorted set of session handles scored by creation time. A session and its index live
/// in different hash slots, so the index is maintained next to the session rather than in its script; entries
/// whose session has ended are pruned whenever the index is read or written, and the index itself expires
/// with the newest session it could hold, so it never grows without bound.
/// </summary>
internal sealed class SessionUserIndex : ISessionManager
{
    private const int StatsUserLimit = 10_000;

    /// <summary>How close to the absolute expiry a key's expiry counts as capped by it (clock skew, rounding).</summary>
    private static readonly TimeSpan AbsoluteCapTolerance = TimeSpan.FromSeconds(1);
    private static readonly RedisValue[] ListedFields = ["_m", "_w"];
    private readonly RedisSessionStore _store;
    private readonly ILogger<SessionUserIndex> _logger;

    public SessionUserIndex(RedisSessionStore store, ILogger<SessionUserIndex> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _logger = logger;
    }

    private SessionKeys Keys => _store.Keys;

    /// <summary>Adds a session to its user's index and ends the oldest ones over the cap; returns how many ended.</summary>
    public async Task<int> AddAsync(string userId, string handle, long createdMs, CancellationToken cancellationToken)
    {
        var options = _store.Options;
        var index = Keys.User(userId);
        var entries = await _store.RunAsync("bind", async db =>
        {
            var batch = db.CreateBatch();
            var added = batch.SortedSetAddAsync(index, handle, createdMs);
            var listed = batch.SetAddAsync(Keys.Users(), userId);
            var expiry = batch.KeyExpireAsync(index, options.AbsoluteTimeout + TimeSpan.FromMinutes(1));
            var members = batch.SortedSetRangeByRankWithScoresAsync(index);
            batch.Execute();
            await Task.WhenAll(added, listed, expiry, members);
            return members.Result;
        }, cancellationToken);

        var live = await PruneAsync(index, entries, cancellationToken);
        var cap = options.MaxSessionsPerUser;
        if (cap <= 0 || live.Count <= cap)
        {
            return 0;
        }

        var evicted = live.Where(h => h != handle).Take(live.Count - cap).ToList();
        await DeleteAsync(index, evicted, cancellationToken);
        SessionTelemetry.Revocations.Add(evicted.Count, new KeyValuePair<string, object?>("reason", "cap"));
        Log.Revoked(_logger, evicted.Count, "cap");
        return evicted.Count;
    }

    /// <summary>Replaces a rotated handle in its user's index.</summary>
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

    public Task RemoveAsync(string userId, string handle, CancellationToken cancellationToken) =>
        _store.RunAsync("unindex", db => db.SortedSetRemoveAsync(Keys.User(userId), handle), cancellationToken);

    public async Task<IReadOnlyList<SessionInfo>> ListAsync(string userId, string? currentHandle = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var index = Keys.User(userId);
        var handles = await _store.RunAsync("list", db => db.SortedSetRangeByRankAsync(index), cancellationToken);
        var rows = await _store.RunAsync("list", async db =>
        {
            var batch = db.CreateBatch();
            var reads = handles.Select(h => Keys.Session(h!)).Select(key => (Fields: batch.HashGetAsync(key, ListedFields), Ttl: batch.KeyTimeToLiveAsync(key))).ToArray();
            batch.Execute();
            await Task.WhenAll(reads.Select(static r => (Task)r.Fields).Concat(reads.Select(static r => r.Ttl)));
            return reads.Select(static r => (Fields: r.Fields.Result, Ttl: r.Ttl.Result)).ToArray();
        }, cancellationToken);

        var now = DateTimeOffset.UtcNow;
        var sessions = new List<SessionInfo>(handles.Length);
        var ended = new List<RedisValue>();
        for (var i = 0; i < handles.Length; i++)
        {
            var (fields, ttl) = rows[i];
            if (ttl is null || !SessionRecord.TryParseMetadata(((ReadOnlyMemory<byte>)fields[0]).Span, out var metadata))
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

            var (ipAddress, userAgent) = SessionRecord.Client((string?)fields[1]);
            sessions.Add(new SessionInfo(
                handle,
                FromMs(metadata.CreatedMs),
                lastSeen > now ? now : lastSeen,
                expiresAt,
                ipAddress,
                userAgent,
                handle == currentHandle));
        }

        if (ended.Count > 0)
        {
            await _store.RunAsync("prune", db => db.SortedSetRemoveAsync(index, [.. ended]), cancellationToken);
        }

        return sessions;
    }

    public async Task<bool> RevokeAsync(string userId, string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(handle);
        var index = Keys.User(userId);
        using var activity = SessionTelemetry.StartActivity("revoke", handle);
        var score = await _store.RunAsync("revoke", db => db.SortedSetScoreAsync(index, handle), cancellationToken);
        if (score is null)
        {
            return false;
        }

        var existed = await _store.DeleteAsync(handle, cancellationToken);
        await _store.RunAsync("revoke", db => db.SortedSetRemoveAsync(index, handle), cancellationToken);
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
        var index = Keys.User(userId);
        using var activity = SessionTelemetry.StartActivity("revoke_all", exceptHandle);
        var handles = await _store.RunAsync("revoke", db => db.SortedSetRangeByRankAsync(index), cancellationToken);
        var targets = handles.Select(h => (string)h!).Where(h => h != exceptHandle).ToList();
        var ended = await DeleteAsync(index, targets, cancellationToken);
        var reason = exceptHandle is null ? "all" : "others";
        activity?.SetTag("session.revoked", ended);
        SessionTelemetry.Revocations.Add(ended, new KeyValuePair<string, object?>("reason", reason));
        Log.Revoked(_logger, ended, reason);
        return ended;
    }

    public async Task<SessionStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var users = await _store.RunAsync("stats", db => db.SetRandomMembersAsync(Keys.Users(), StatsUserLimit), cancellationToken);
        long userCount = 0;
        long sessionCount = 0;
        var gone = new List<RedisValue>();
        foreach (var user in users)
        {
            var sessions = await ListAsync((string)user!, null, cancellationToken);
            if (sessions.Count == 0)
            {
                gone.Add(user);
                continue;
            }

            userCount++;
            sessionCount += sessions.Count;
        }

        if (gone.Count > 0)
        {
            await _store.RunAsync("stats", db => db.SetRemoveAsync(Keys.Users(), [.. gone]), cancellationToken);
        }

        return new SessionStats(userCount, sessionCount);
    }

    private async Task<List<string>> PruneAsync(RedisKey index, SortedSetEntry[] entries, CancellationToken cancellationToken)
    {
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

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
