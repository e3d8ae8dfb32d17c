using System.Diagnostics;
using System.Globalization;
using System.Net;
using SessionApp.Benchmarks.Driving;
using SessionApp.Sessions.Storage;
using StackExchange.Redis;

namespace SessionApp.Benchmarks.Scale;

/// <summary>
/// Seeds sessions into a fresh redis-server through the engine's own write path, and measures what Redis holds per
/// session, what listing one user's sessions costs at a small and at the full size, and whether expired sessions
/// leave anything in the user indexes once each user is listed; then the same payload through the built-in session.
/// </summary>
internal static class ScaleRun
{
    public const int SmallSize = 1_000;
    private const string SessionPattern = ScaleServer.KeyPrefix + ":s:*";
    private const string IndexPattern = ScaleServer.KeyPrefix + ":u:*";
    private static readonly TimeSpan ExpiringIdle = TimeSpan.FromSeconds(2);

    public static async Task<ScaleResult> RunAsync(ScaleSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        string[] redisArguments = settings.HashMaxListpackValue is { } listpack ? ["--hash-max-listpack-value", listpack.ToString(CultureInfo.InvariantCulture)] : [];
        await using var redis = await RedisServer.StartAsync(cancellationToken, redisArguments);
        await using var server = await ScaleServer.StartAsync(redis.Configuration, engine: true, settings);
        using var http = Client(server.Address);

        var small = Math.Min(SmallSize, settings.Sessions);
        var baseline = await redis.UsedMemoryAsync();
        await SeedAsync(http, 0, small, settings, i => $"user{i / settings.SessionsPerUser}", null, cancellationToken);
        var smallUsers = Math.Max(1, small / settings.SessionsPerUser);
        var listAtSmall = await ListCostAsync(http, redis, smallUsers, settings.ListSamples, cancellationToken);

        progress($"Seeding {settings.Sessions:N0} sessions through the engine ...");
        var watch = Stopwatch.StartNew();
        await SeedAsync(http, small, settings.Sessions, settings, i => $"user{i / settings.SessionsPerUser}", null, cancellationToken);
        var engineRate = (settings.Sessions - small) / Math.Max(0.001, watch.Elapsed.TotalSeconds);
        var engineBytes = (await redis.UsedMemoryAsync() - baseline) / (double)settings.Sessions;
        var listAtFull = await ListCostAsync(http, redis, smallUsers, settings.ListSamples, cancellationToken);
        var (encoding, sessionBytes) = await SampleAsync(redis, SessionPattern);
        var (_, indexBytes) = await SampleAsync(redis, IndexPattern);

        progress($"Seeding {settings.Expiring:N0} sessions that expire ...");
        await SeedAsync(http, 0, settings.Expiring, settings, i => $"exp{i / settings.SessionsPerUser}", (int)ExpiringIdle.TotalMilliseconds, cancellationToken);
        await Task.Delay(ExpiringIdle + TimeSpan.FromSeconds(1), cancellationToken);
        var (indexBefore, staleBefore) = await IndexesAsync(redis, cancellationToken);
        var expiringUsers = (settings.Expiring + settings.SessionsPerUser - 1) / settings.SessionsPerUser;
        progress($"Listing each of the {expiringUsers:N0} users whose sessions expired ...");
        await ForEachAsync(expiringUsers, settings.Concurrency, async i =>
        {
            using var response = await http.GetAsync(new Uri($"/list/exp{i}", UriKind.Relative), cancellationToken);
            response.EnsureSuccessStatusCode();
        });
        var (indexAfter, staleAfter) = await IndexesAsync(redis, cancellationToken);

        double? builtinBytes = null;
        double? builtinRate = null;
        if (settings.CompareBuiltin)
        {
            progress($"Seeding {settings.Sessions:N0} sessions through the built-in session ...");
            await using var builtinRedis = await RedisServer.StartAsync(cancellationToken);
            await using var builtin = await ScaleServer.StartAsync(builtinRedis.Configuration, engine: false, settings);
            using var builtinHttp = Client(builtin.Address);
            var builtinBaseline = await builtinRedis.UsedMemoryAsync();
            watch.Restart();
            await SeedAsync(builtinHttp, 0, settings.Sessions, settings, i => $"user{i / settings.SessionsPerUser}", null, cancellationToken);
            builtinRate = settings.Sessions / Math.Max(0.001, watch.Elapsed.TotalSeconds);
            builtinBytes = (await builtinRedis.UsedMemoryAsync() - builtinBaseline) / (double)settings.Sessions;
        }

        return new ScaleResult
        {
            Settings = settings,
            EngineBytesPerSession = engineBytes,
            BuiltinBytesPerSession = builtinBytes,
            EngineSeedRate = engineRate,
            BuiltinSeedRate = builtinRate,
            SmallSize = small,
            ListAtSmall = listAtSmall,
            ListAtFull = listAtFull,
            SessionEncoding = encoding,
            SessionKeyBytes = sessionBytes,
            IndexKeyBytes = indexBytes,
            IndexBytesBeforePrune = indexBefore,
            IndexBytesAfterPrune = indexAfter,
            StaleEntriesBeforePrune = staleBefore,
            StaleEntriesAfterPrune = staleAfter,
            ExpiringUsersListed = expiringUsers,
        };
    }

    internal static HttpClient Client(Uri address) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseCookies = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Creates sessions <paramref name="from"/> to <paramref name="to"/> (exclusive), each with one request.</summary>
    internal static Task SeedAsync(HttpClient http, int from, int to, ScaleSettings settings, Func<int, string> user, int? idleMs, CancellationToken cancellationToken) =>
        ForEachAsync(to - from, settings.Concurrency, async i =>
        {
            var path = idleMs is { } idle ? $"/seed/{user(from + i)}?n={from + i}&idleMs={idle}" : $"/seed/{user(from + i)}?n={from + i}";
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), null, cancellationToken);
            if (response.StatusCode != HttpStatusCode.NoContent)
            {
                throw new InvalidOperationException($"Seeding answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        });

    /// <summary>Times listing <paramref name="samples"/> users' sessions, one at a time, and counts the Redis commands it took.</summary>
    private static async Task<ListCost> ListCostAsync(HttpClient http, RedisServer redis, int users, int samples, CancellationToken cancellationToken)
    {
        var random = new Random(15);
        var timings = new double[samples];
        await redis.ResetStatsAsync();
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(new Uri($"/list/user{random.Next(users)}", UriKind.Relative), cancellationToken);
            response.EnsureSuccessStatusCode();
            timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var commands = CountCommands(await redis.CommandStatsAsync());
        Array.Sort(timings);
        return new ListCost(timings[samples / 2], timings[Math.Min(samples - 1, (int)(samples * 0.99))], commands / (double)samples);
    }

    /// <summary>Sums the calls of INFO commandstats, leaving out the measuring's own (INFO, CONFIG).</summary>
    internal static long CountCommands(IReadOnlyList<string> stats) => stats
        .Where(static line => !line.StartsWith("cmdstat_info:", StringComparison.Ordinal) && !line.StartsWith("cmdstat_config", StringComparison.Ordinal))
        .Sum(static line => long.Parse(line.Split("calls=")[1].Split(',')[0], CultureInfo.InvariantCulture));

    /// <summary>One key matching <paramref name="pattern"/>: its encoding and MEMORY USAGE.</summary>
    private static async Task<(string Encoding, long Bytes)> SampleAsync(RedisServer redis, string pattern)
    {
        await foreach (var key in redis.Admin.KeysAsync(pattern: pattern, pageSize: 100))
        {
            var encoding = (string?)await redis.Database.ExecuteAsync("OBJECT", "ENCODING", key) ?? "?";
            var bytes = (long)await redis.Database.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
            return (encoding, bytes);
        }

        return ("none", 0);
    }

    /// <summary>The user indexes' memory (MEMORY USAGE summed) and how many of their handles name a session that has ended.</summary>
    private static async Task<(long Bytes, long Stale)> IndexesAsync(RedisServer redis, CancellationToken cancellationToken)
    {
        var keys = new List<RedisKey>();
        await foreach (var key in redis.Admin.KeysAsync(pattern: IndexPattern, pageSize: 1000).WithCancellation(cancellationToken))
        {
            keys.Add(key);
        }

        long bytes = 0;
        long stale = 0;
        foreach (var chunk in keys.Chunk(1000))
        {
            var db = redis.Database;
            var usage = chunk.Select(key => db.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0")).ToArray();
            var members = chunk.Select(key => db.SortedSetRangeByRankAsync(key)).ToArray();
            await Task.WhenAll(usage);
            await Task.WhenAll(members);
            bytes += usage.Sum(static u => (long)u.Result);
            var exists = members.SelectMany(static m => m.Result).Select(handle => db.KeyExistsAsync(SessionKeys.SessionUnder(ScaleServer.KeyPrefix, (string)handle!))).ToArray();
            stale += (await Task.WhenAll(exists)).Count(static e => !e);
        }

        return (bytes, stale);
    }

    private static Task ForEachAsync(int count, int concurrency, Func<int, Task> body)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Math.Max(1, Math.Min(concurrency, count))).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await body(i);
            }
        })));
    }
}
