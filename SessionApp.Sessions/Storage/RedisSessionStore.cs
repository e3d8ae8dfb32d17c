using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionApp.Sessions.Configuration;
using SessionApp.Sessions.Telemetry;
using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// Session storage on Redis: one script call for a load, one for a commit. Every call runs within
/// <see cref="RedisSessionOptions.StoreTimeout"/>; a failure to reach Redis becomes
/// <see cref="SessionStoreUnavailableException"/>, never an empty result.
/// </summary>
internal sealed partial class RedisSessionStore
{
    /// <summary>A read touches the session once its expiry has slid by this fraction of the idle timeout.</summary>
    private const int TouchFraction = 100;

    /// <summary>Commit results as tag values, by <see cref="CommitStatus"/>, without formatting an enum per request.</summary>
    private static readonly string[] CommitResults = [.. Enum.GetNames<CommitStatus>().Select(static name => name.ToLowerInvariant())];

    private readonly SessionRedisConnection _connection;
    private readonly IOptionsMonitor<RedisSessionOptions> _options;
    private readonly ILogger<RedisSessionStore> _logger;

    public RedisSessionStore(SessionRedisConnection connection, IOptionsMonitor<RedisSessionOptions> options, ILogger<RedisSessionStore> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _connection = connection;
        _options = options;
        _logger = logger;
        Keys = new SessionKeys(options.CurrentValue.KeyPrefix);
    }

    public SessionKeys Keys { get; }

    public RedisSessionOptions Options => _options.CurrentValue;

    /// <summary>
    /// Loads a session in one round trip (HGETALL and PTTL, pipelined); null when it does not exist or has ended.
    /// Redis's own key expiry, which every commit and touch sets to min(idle, absolute − now), keeps an ended
    /// session from being returned. The sliding touch runs in the background, and only once the expiry has slid
    /// by a hundredth of the idle timeout, so a busy session is not rewritten on every read.
    /// </summary>
    public async Task<SessionRecord?> LoadAsync(string handle, CancellationToken cancellationToken)
    {
        using var activity = SessionTelemetry.StartActivity("load", handle);
        var started = Stopwatch.GetTimestamp();
        var key = Keys.Session(handle);
        var (fields, ttl, database) = await RunAsync("load", async db =>
        {
            var batch = db.CreateBatch();
            var all = batch.HashGetAllAsync(key);
            var remaining = batch.KeyTimeToLiveAsync(key);
            batch.Execute();
            return (await all, await remaining, db);
        }, cancellationToken);
        SessionTelemetry.LoadDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);

        var record = fields.Length == 0 ? null : SessionRecord.FromHash(handle, fields);
        if (record is null)
        {
            activity?.SetTag("session.result", "miss");
            SessionTelemetry.Loads.Add(1, new KeyValuePair<string, object?>("result", "miss"));
            return null;
        }

        activity?.SetTag("session.result", "hit");
        SessionTelemetry.Loads.Add(1, new KeyValuePair<string, object?>("result", "hit"));
        if (ttl is not { } left || record.IdleMs - (long)left.TotalMilliseconds >= record.IdleMs / TouchFraction)
        {
            _ = TouchAsync(database, key);
        }

        return record;
    }
    /// <summary>Applies a delta atomically; a new session is created by its first commit.</summary>
    public async Task<CommitOutcome> CommitAsync(string handle, bool isNew, SessionDelta delta, CancellationToken cancellationToken)
    {
        using var activity = SessionTelemetry.StartActivity("commit", handle);
        activity?.SetTag("session.new", isNew);
        activity?.SetTag("session.keys_set", delta.Sets.Count);
        activity?.SetTag("session.keys_removed", delta.Removes.Count);
        var options = Options;
        var args = new List<RedisValue>(10 + (delta.Sets.Count * 3) + delta.Removes.Count + (delta.ExpectedVersions.Count * 2) + (delta.Metadata.Count * 2))
        {
            isNew ? "new" : "existing",
            (long)options.IdleTimeout.TotalMilliseconds,
            (long)options.AbsoluteTimeout.TotalMilliseconds,
            options.MaxKeys,
            options.MaxSessionBytes,
            delta.Clear ? "1" : "0",
            delta.Sets.Count,
            delta.Removes.Count,
            delta.ExpectedVersions.Count,
            delta.Metadata.Count,
        };
        foreach (var (name, value, version) in delta.Sets)
        {
            args.Add(name);
            args.Add(value);
            args.Add(version);
        }

        args.AddRange(delta.Removes.Select(static name => (RedisValue)name));
        foreach (var (name, version) in delta.ExpectedVersions)
        {
            args.Add(name);
            args.Add(version);
        }

        foreach (var (field, value) in delta.Metadata)
        {
            args.Add(field);
            args.Add(value);
        }

        var started = Stopwatch.GetTimestamp();
        var result = await RunAsync("commit", db => SessionScripts.Commit.EvaluateAsync(db, [Keys.Session(handle)], [.. args]), cancellationToken);
        SessionTelemetry.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);

        var outcome = ParseCommit((RedisResult[])result!);
        RecordCommit(activity, outcome.Status);
        if (isNew && outcome.Status == CommitStatus.Committed)
        {
            SessionTelemetry.Created.Add(1);
        }

        return outcome;
    }

    /// <summary>
    /// The commit of a delta that only replaces values the request read with values of the same stored length,
    /// so no limit and no stored count can change: one plain HSET of the values and their new versions, atomic on
    /// its own and as cheap as a write to Redis gets. HSET answers how many fields it added; any at all means the
    /// hash was not as the request read it — the session ended (HSET then recreated it as a bare hash, which reads
    /// ignore) or a concurrent request removed a key this one replaced — and the Settle script then deletes the
    /// bare hash, or recounts the session's bytes and keys. The expiry is left to the sliding touch of the load.
    /// </summary>
    public async Task<CommitOutcome> ReplaceAsync(SessionRecord seen, IReadOnlyList<SessionWrite> writes, CancellationToken cancellationToken)
    {
        using var activity = SessionTelemetry.StartActivity("commit", seen.Handle);
        activity?.SetTag("session.keys_set", writes.Count);
        var key = Keys.Session(seen.Handle);
        var args = new object[1 + (writes.Count * 4)];
        args[0] = key;
        for (var i = 0; i < writes.Count; i++)
        {
            var (name, value, version) = writes[i];
            args[1 + (i * 4)] = "d:" + name;
            args[2 + (i * 4)] = value;
            args[3 + (i * 4)] = "v:" + name;
            args[4 + (i * 4)] = version;
        }

        var started = Stopwatch.GetTimestamp();
        var lives = await RunAsync("commit", async db =>
            (long)await db.ExecuteAsync("HSET", args) == 0 || (long)await SessionScripts.Settle.EvaluateAsync(db, [key]) > 0, cancellationToken);
        var outcome = lives
            ? new CommitOutcome(CommitStatus.Committed, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), seen.StoredBytes)
            : CommitOutcome.Ended;
        SessionTelemetry.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        RecordCommit(activity, outcome.Status);
        return outcome;
    }

    /// <summary>Reads a session whole and deletes it, atomically; null when it had already ended.</summary>
    public async Task<SessionRecord?> TakeAsync(string handle, CancellationToken cancellationToken)
    {
        var result = await RunAsync("take", db => SessionScripts.Take.EvaluateAsync(db, [Keys.Session(handle)]), cancellationToken);
        return result.IsNull ? null : SessionRecord.FromScriptReply(handle, (RedisResult[])result!);
    }

    /// <summary>Writes a taken session under a new handle; false when the session expired meanwhile.</summary>
    public async Task<bool> PutAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        var result = await RunAsync("put", db => SessionScripts.Put.EvaluateAsync(db, [Keys.Session(record.Handle)], record.ToFields()), cancellationToken);
        var code = (long)result;
        if (code == -3)
        {
            throw new InvalidOperationException("A freshly generated session id collided with a live session; refusing to overwrite it.");
        }

        return code > 0;
    }

    public async Task<bool> DeleteAsync(string handle, CancellationToken cancellationToken) =>
        await RunAsync("delete", db => db.KeyDeleteAsync(Keys.Session(handle)), cancellationToken);

    /// <summary>
    /// Runs one Redis operation within the time budget, turning every way of not reaching Redis into
    /// <see cref="SessionStoreUnavailableException"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(string operation, Func<IDatabase, Task<T>> call, CancellationToken cancellationToken)
    {
        var budget = Options.StoreTimeout;
        try
        {
            var database = await _connection.GetDatabaseAsync(budget, cancellationToken);
            return await call(database).WaitAsync(budget, cancellationToken);
        }
        catch (Exception ex) when (IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            SessionTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("error.type", ex.GetType().Name), new KeyValuePair<string, object?>("db.operation.name", operation));
            Activity.Current?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            Log.StoreUnavailable(_logger, operation, budget.TotalMilliseconds, ex);
            throw new SessionStoreUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"The session store did not complete '{operation}' within {budget.TotalMilliseconds:0} ms (Sessions:StoreTimeout): {ex.Message}"),
                ex);
        }
    }

    private static void RecordCommit(Activity? activity, CommitStatus status)
    {
        var result = CommitResults[(int)status];
        activity?.SetTag("session.result", result);
        SessionTelemetry.Commits.Add(1, new KeyValuePair<string, object?>("result", result));
    }

    private static async Task TouchAsync(IDatabase database, RedisKey key)
    {
        try
        {
            await SessionScripts.Touch.EvaluateAsync(database, [key]);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            // The next request finds out for itself; a missed touch only lets the session end sooner.
            SessionTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("error.type", ex.GetType().Name), new KeyValuePair<string, object?>("db.operation.name", "touch"));
        }
    }

    private static bool IsUnavailable(Exception ex) => ex switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("READONLY", StringComparison.Ordinal),
        ObjectDisposedException => true,
        _ => false,
    };

    private static CommitOutcome ParseCommit(RedisResult[] reply)
    {
        var code = (long)reply[0];
        return code switch
        {
            1 => new CommitOutcome(CommitStatus.Committed, (long)reply[1], (long)reply[2]),
            -1 => CommitOutcome.Ended,
            -2 => new CommitOutcome(CommitStatus.Conflict, 0, 0, (long)reply[2], reply[3].IsNull ? null : (byte[]?)reply[3]),
            -3 => new CommitOutcome(CommitStatus.AlreadyExists, 0, 0),
            -4 => new CommitOutcome(CommitStatus.TooManyKeys, 0, 0, Over: (long)reply[1]),
            -5 => new CommitOutcome(CommitStatus.TooManyBytes, 0, 0, Over: (long)reply[1]),
            _ => throw new InvalidOperationException($"The commit script answered an unknown code {code}."),
        };
    }
}
