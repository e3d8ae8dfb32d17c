using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionApp.Sessions.Configuration;
using SessionApp.Sessions.Telemetry;
using SessionApp.Sessions.Users;
using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// Session storage on Redis: one HGETALL for a load, one HSET or script call for a commit. Every call runs within
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
    private readonly ILogger<RedisSessionStore> _logger;
    private readonly TimeProvider _clock;

    /// <summary>Redis's clock minus this machine's, in milliseconds; <see cref="long.MinValue"/> until first learned.</summary>
    private long _redisClockOffsetMs = long.MinValue;

    /// <summary>The options in force, replaced when they change: read several times per request without a lookup each.</summary>
    private volatile RedisSessionOptions _current;

    public RedisSessionStore(SessionRedisConnection connection, IOptionsMonitor<RedisSessionOptions> options, UserKeyHasher userHasher, ILogger<RedisSessionStore> logger, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(userHasher);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(clock);
        _connection = connection;
        _logger = logger;
        _clock = clock;
        _current = options.CurrentValue;
        // The store lives as long as the container, so the registration does too.
        options.OnChange((changed, name) =>
        {
            if (name is null || name == Microsoft.Extensions.Options.Options.DefaultName)
            {
                _current = changed;
            }
        });
        Keys = new SessionKeys(_current.KeyPrefix, userHasher);
    }

    public SessionKeys Keys { get; }

    /// <summary>The options in force (<see cref="IOptionsMonitor{TOptions}.CurrentValue"/>, kept as it changes).</summary>
    public RedisSessionOptions Options => _current;

    /// <summary>
    /// Finds the session a presented (well-formed) id names, in one round trip (one HGETALL): its record is null
    /// when it does not exist or has ended. Redis's own key expiry, which every commit and touch sets to
    /// min(idle, absolute − now), keeps an ended session from being returned. The sliding touch runs in the
    /// background, and only once a hundredth of the idle timeout has passed since the last one (judged on Redis's
    /// clock, as this process last learned its offset), so a busy session is not rewritten on every read.
    /// </summary>
    public async ValueTask<SessionLookup> FindAsync(string id, CancellationToken cancellationToken)
    {
        var handle = SessionIds.ToHandle(id);
        var key = Keys.Session(handle);
        using var activity = SessionTelemetry.StartActivity("load", handle);
        var started = Stopwatch.GetTimestamp();
        var budget = Options.StoreTimeout;
        HashEntry[] fields;
        try
        {
            // RunAsync's work, written out: the hot path saves an async frame per request.
            var database = _connection.Database;
            fields = await database.HashGetAllAsync(key).WithinAsync(budget, cancellationToken);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable("load", budget, ex, mayHaveRun: false);
        }

        SessionTelemetry.LoadDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);

        var record = fields.Length == 0 ? null : SessionRecord.FromHash(handle, fields);
        if (record is null)
        {
            activity?.SetTag("session.result", "miss");
            SessionTelemetry.Loads.Add(1, new KeyValuePair<string, object?>("result", "miss"));
            return new(handle, key, null);
        }

        activity?.SetTag("session.result", "hit");
        SessionTelemetry.Loads.Add(1, new KeyValuePair<string, object?>("result", "hit"));
        if (DueForTouch(record))
        {
            _ = TouchAsync(key);
        }

        return new(handle, key, record);
    }

    /// <summary>
    /// Applies a delta atomically with <see cref="SessionCommitScript"/>; a new session is created by its first
    /// commit (<see cref="CommitMode.Create"/>). Safe to call again with the same delta when an attempt failed with
    /// its outcome unknown.
    /// </summary>
    public async Task<CommitOutcome> CommitAsync(string handle, CommitMode mode, SessionDelta delta, CancellationToken cancellationToken)
    {
        using var activity = SessionTelemetry.StartActivity("commit", handle);
        activity?.SetTag("session.new", mode != CommitMode.Apply);
        activity?.SetTag("session.keys_set", delta.Sets.Count);
        activity?.SetTag("session.keys_removed", delta.Removes.Count);
        var args = SessionCommitScript.Arguments(mode, delta, Options);
        var started = Stopwatch.GetTimestamp();
        var key = Keys.Session(handle);
        var result = await RunAsync(
            "commit", (Key: key, Args: args), static (db, call) => SessionCommitScript.Script.EvaluateAsync(db, [call.Key], call.Args), cancellationToken);
        var outcome = SessionCommitScript.Parse(result);
        if (outcome.Status == CommitStatus.Committed && MustConfirm(delta.Identity.ChangesOwner))
        {
            // Decided here rather than by ConfirmAsync, so a commit that need not wait makes no array of keys.
            await WaitForReplicasAsync("commit", [key], cancellationToken);
        }

        SessionTelemetry.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        RecordCommit(activity, outcome.Status);
        if (outcome.Status == CommitStatus.Committed)
        {
            LearnRedisTime(outcome.NowMs);
            if (mode != CommitMode.Apply)
            {
                SessionTelemetry.Created.Add(1);
            }
        }

        return outcome;
    }

    /// <summary>
    /// The commit of changes that only replace values the request read with values of the same stored length,
    /// so no limit and no stored count can change: one plain HSET of the values (each leading with its new
    /// version), atomic on its own and as cheap as a write to Redis gets. HSET answers how many fields it added;
    /// any at all means the hash was not as the request read it — the session ended (HSET then recreated it as a
    /// bare hash, which reads ignore) or a concurrent request removed a key this one replaced — and the Settle
    /// script then deletes the bare hash, or recounts the session's bytes and keys. The expiry and "last seen" are
    /// left to the sliding touch of the load. True when the session lives (the write committed), false when it had
    /// ended.
    /// </summary>
    public async ValueTask<bool> ReplaceAsync(string handle, RedisKey key, IReadOnlyList<SessionWrite> writes, CancellationToken cancellationToken)
    {
        using var activity = SessionTelemetry.StartActivity("commit", handle);
        activity?.SetTag("session.keys_set", writes.Count);
        var started = Stopwatch.GetTimestamp();
        var budget = Options.StoreTimeout;
        bool added;
        var sent = false;
        try
        {
            // RunAsync's work, written out: the hot path saves an async frame per request.
            cancellationToken.ThrowIfCancellationRequested();
            var database = _connection.Database;
            sent = true;
            added = writes.Count == 1
                ? await database.HashSetAsync(key, ValueNames.Field(writes[0].Name), writes[0].Value.Bytes).WithinAsync(budget, cancellationToken)
                : (long)await database.ExecuteAsync("HSET", HashSetArguments(key, writes)).WithinAsync(budget, cancellationToken) > 0;
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable("commit", budget, ex, sent && RedisFailures.MayHaveRun(ex));
        }

        var lives = !added || (long)await RunAsync("commit", key, static (db, key) => SessionScripts.Settle.EvaluateAsync(db, [key]), cancellationToken) > 0;
        if (lives && MustConfirm(identity: false))
        {
            await WaitForReplicasAsync("commit", [key], cancellationToken);
        }

        SessionTelemetry.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        RecordCommit(activity, lives ? CommitStatus.Committed : CommitStatus.Ended);
        return lives;
    }

    /// <summary>Reads a session whole and deletes it, atomically; null when it had already ended.</summary>
    public async Task<SessionRecord?> TakeAsync(string handle, CancellationToken cancellationToken)
    {
        var result = await RunAsync("take", Keys.Session(handle), static (db, key) => SessionScripts.Take.EvaluateAsync(db, [key]), cancellationToken);
        return result.IsNull ? null : SessionRecord.FromScriptReply(handle, (RedisResult[])result!);
    }

    /// <summary>Writes a taken session under a new handle; false when the session expired meanwhile.</summary>
    public async Task<bool> PutAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        var result = await RunAsync(
            "put", (Key: Keys.Session(record.Handle), Fields: record.ToFields()), static (db, call) => SessionScripts.Put.EvaluateAsync(db, [call.Key], call.Fields), cancellationToken);
        var code = (long)result;
        if (code == -3)
        {
            throw new InvalidOperationException("A freshly generated session id collided with a live session; refusing to overwrite it.");
        }

        if (code > 0)
        {
            LearnRedisTime(code);
        }

        return code > 0;
    }

    public async Task<bool> DeleteAsync(string handle, CancellationToken cancellationToken) =>
        await RunAsync("delete", Keys.Session(handle), static (db, key) => db.KeyDeleteAsync(key), cancellationToken);

    /// <summary>
    /// Runs one Redis operation within the time budget, turning every way of not reaching Redis into
    /// <see cref="SessionStoreUnavailableException"/>.
    /// </summary>
    public Task<T> RunAsync<T>(string operation, Func<IDatabase, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(operation, call, static (database, call) => call(database), cancellationToken);

    /// <summary>
    /// <see cref="RunAsync{T}(string, Func{IDatabase, Task{T}}, CancellationToken)"/> with the call's state passed in,
    /// so the hot paths call Redis through static lambdas and allocate no closure.
    /// </summary>
    public async Task<T> RunAsync<TState, T>(string operation, TState state, Func<IDatabase, TState, Task<T>> call, CancellationToken cancellationToken)
    {
        var budget = Options.StoreTimeout;
        IDatabase database;
        try
        {
            // A token cancelled before the command leaves sends nothing: Redis cannot be asked to drop a command.
            cancellationToken.ThrowIfCancellationRequested();
            database = _connection.Database;
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(operation, budget, ex, mayHaveRun: false);
        }

        try
        {
            return await call(database, state).WithinAsync(budget, cancellationToken);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(operation, budget, ex, RedisFailures.MayHaveRun(ex));
        }
    }

    /// <summary>
    /// Counts, traces and logs a failure to reach Redis, and turns it into the exception callers handle, telling
    /// whether the command may still have run (<paramref name="mayHaveRun"/>).
    /// </summary>
    private SessionStoreUnavailableException Unavailable(string operation, TimeSpan budget, Exception ex, bool mayHaveRun)
    {
        SessionTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("error.type", ex.GetType().Name), new KeyValuePair<string, object?>("db.operation.name", operation));
        Activity.Current?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
        Log.StoreUnavailable(_logger, operation, budget.TotalMilliseconds, ex);
        return new SessionStoreUnavailableException(
            string.Create(CultureInfo.InvariantCulture, $"The session store did not complete '{operation}' within {budget.TotalMilliseconds:0} ms (Sessions:StoreTimeout): {ex.Message}"),
            ex)
        {
            CommandMayHaveRun = mayHaveRun,
        };
    }

    private static void RecordCommit(Activity? activity, CommitStatus status)
    {
        var result = CommitResults[(int)status];
        activity?.SetTag("session.result", result);
        SessionTelemetry.Commits.Add(1, new KeyValuePair<string, object?>("result", result));
    }

    private static object[] HashSetArguments(RedisKey key, IReadOnlyList<SessionWrite> writes)
    {
        var args = new object[1 + (writes.Count * 2)];
        args[0] = key;
        for (var i = 0; i < writes.Count; i++)
        {
            args[1 + (i * 2)] = SessionKeys.ValueField(writes[i].Name);
            args[2 + (i * 2)] = writes[i].Value.Bytes;
        }

        return args;
    }

    /// <summary>Whether a loaded session's last touch (or commit) is a hundredth of its idle timeout old, by Redis's clock.</summary>
    private bool DueForTouch(SessionRecord record)
    {
        var offset = Volatile.Read(ref _redisClockOffsetMs);
        if (offset == long.MinValue)
        {
            return true;
        }

        var redisNow = NowMs() + offset;
        return redisNow - record.LastSeenMs >= record.IdleMs / TouchFraction;
    }

    /// <summary>
    /// Keeps the offset between Redis's clock and this machine's from a time Redis just reported. It errs late by
    /// the reply's trip, a fraction of a millisecond, which only delays a touch by as much.
    /// </summary>
    private void LearnRedisTime(long redisNowMs) =>
        Volatile.Write(ref _redisClockOffsetMs, redisNowMs - NowMs());

    private long NowMs() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task TouchAsync(RedisKey key)
    {
        try
        {
            var now = await RunAsync("touch", key, static (db, key) => SessionScripts.Touch.EvaluateAsync(db, [key]), CancellationToken.None);
            if (!now.IsNull)
            {
                LearnRedisTime((long)now);
            }
        }
        catch (SessionStoreUnavailableException)
        {
            // Counted and logged already; the next request finds out for itself, and a missed touch only lets the
            // session end sooner.
        }
    }
}
