using System.Diagnostics;
using SessionApp.Sessions.Telemetry;
using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>The native commit path of writes that cannot grow a session.</summary>
internal sealed partial class RedisSessionStore
{
    /// <summary>
    /// The fast commit of a delta that cannot grow the session — it only replaces keys the request saw, with values
    /// no larger than it saw them, and removes keys — as one MULTI/EXEC of native commands: atomic, one round trip,
    /// and several times cheaper for Redis than a script. The sliding and absolute expiries are refreshed with
    /// PEXPIRE and PEXPIREAT … LT, both on Redis's clock. If the session ended meanwhile, what the transaction wrote
    /// is deleted at once (and reads ignore a hash without the engine's metadata until then).
    /// </summary>
    public async Task<CommitOutcome> CommitReplacingAsync(SessionRecord seen, SessionDelta delta, long bytesDelta, int countDelta, CancellationToken cancellationToken)
    {
        using var activity = SessionTelemetry.StartActivity("commit", seen.Handle);
        activity?.SetTag("session.keys_set", delta.Sets.Count);
        activity?.SetTag("session.keys_removed", delta.Removes.Count);
        var key = Keys.Session(seen.Handle);
        var started = Stopwatch.GetTimestamp();
        var outcome = await RunAsync("commit", async db =>
        {
            var transaction = db.CreateTransaction();
            var alive = transaction.HashExistsAsync(key, "_a");
            var versions = new Task<long>[delta.Sets.Count];
            var writes = new List<Task>(6);
            if (delta.Sets.Count > 0)
            {
                var entries = new HashEntry[delta.Sets.Count];
                for (var i = 0; i < entries.Length; i++)
                {
                    entries[i] = new HashEntry("d:" + delta.Sets[i].Key, delta.Sets[i].Value);
                }

                writes.Add(transaction.HashSetAsync(key, entries));
                for (var i = 0; i < versions.Length; i++)
                {
                    versions[i] = transaction.HashIncrementAsync(key, "v:" + delta.Sets[i].Key);
                }
            }

            if (delta.Removes.Count > 0)
            {
                writes.Add(transaction.HashDeleteAsync(key, [.. delta.Removes.SelectMany(static name => new RedisValue[] { "d:" + name, "v:" + name })]));
            }

            if (bytesDelta != 0)
            {
                writes.Add(transaction.HashIncrementAsync(key, "_b", bytesDelta));
            }

            if (countDelta != 0)
            {
                writes.Add(transaction.HashIncrementAsync(key, "_n", countDelta));
            }

            writes.Add(transaction.KeyExpireAsync(key, TimeSpan.FromMilliseconds(seen.IdleMs)));
            writes.Add(transaction.KeyExpireAsync(key, DateTime.UnixEpoch.AddMilliseconds(seen.AbsoluteExpiryMs), ExpireWhen.LessThanCurrentExpiry));
            await transaction.ExecuteAsync();
            await Task.WhenAll(writes);
            if (!await alive)
            {
                _ = db.KeyDeleteAsync(key, CommandFlags.FireAndForget);
                return new CommitOutcome(CommitStatus.Ended, 0, 0, []);
            }

            var written = new long[versions.Length];
            for (var i = 0; i < written.Length; i++)
            {
                written[i] = await versions[i];
            }

            return new CommitOutcome(CommitStatus.Committed, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), seen.StoredBytes + bytesDelta, written);
        }, cancellationToken);
        SessionTelemetry.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        RecordCommit(activity, outcome.Status);
        return outcome;
    }
}
