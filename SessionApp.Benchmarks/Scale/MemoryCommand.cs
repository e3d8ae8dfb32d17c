using System.Globalization;
using System.Text;
using SessionApp.Benchmarks.Driving;
using StackExchange.Redis;

namespace SessionApp.Benchmarks.Scale;

/// <summary>
/// The <c>memory</c> role: Redis memory per session for each payload (<see cref="ScalePayload"/>), the built-in
/// session against the engine without compression, with zstd and with zstd and the shipped dictionary, all in one run,
/// each store in a fresh redis-server, seeded through the same servers and requests as <c>scale</c>.
/// </summary>
internal static class MemoryCommand
{
    private const int ValueSamples = 200;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var settings = new ScaleSettings { Sessions = 100_000 };
        ScalePayload[] payloads = [ScalePayload.Incompressible, ScalePayload.Json];
        var output = Path.Combine("artifacts", "benchmarks", "memory.md");
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--sessions":
                    settings = settings with { Sessions = int.Parse(Serving.ServeOptions.Value(args, ref i), CultureInfo.InvariantCulture) };
                    break;
                case "--payloads":
                    payloads = [.. Serving.ServeOptions.Value(args, ref i).Split(',').Select(static p => Enum.Parse<ScalePayload>(p, ignoreCase: true))];
                    break;
                case "--output":
                    output = Serving.ServeOptions.Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: memory [--sessions 100000] [--payloads incompressible,json] [--output artifacts/benchmarks/memory.md]");
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromHours(1));
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"Memory per session: {settings.Sessions:N0} sessions per store, each a payload and a user id ({settings.SessionsPerUser} sessions per user, the engine's bound to it), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        text.AppendLine("| payload | store | Redis memory per session | × built-in | stored value bytes (mean of 200) |");
        text.AppendLine("|---|---|---:|---:|---:|");
        foreach (var payload in payloads)
        {
            var raw = Enumerable.Range(0, 1000).Average(n => ScaleServer.Payload(payload, n).Length);
            Console.WriteLine($"{payload}: mean payload {raw:0} bytes");
            var builtin = await MeasureAsync(settings with { Payload = payload }, engine: false, timeout.Token);
            text.AppendLine(inv, $"| {Describe(payload, raw)} | built-in `AddSession()` | {builtin.PerSession:N0} B | 1.00 | {builtin.ValueBytes:0} |");
            foreach (var compression in Enum.GetValues<EngineCompression>())
            {
                var engine = await MeasureAsync(settings with { Payload = payload, Compression = compression }, engine: true, timeout.Token);
                text.AppendLine(inv, $"| {Describe(payload, raw)} | engine, compression {compression} | {engine.PerSession:N0} B | {engine.PerSession / builtin.PerSession:0.00} | {engine.ValueBytes:0} |");
            }
        }

        Console.WriteLine(text);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.AppendAllTextAsync(output, text + Environment.NewLine, timeout.Token);
        Console.WriteLine($"Appended to {output}");
        return 0;
    }

    private static string Describe(ScalePayload payload, double raw) =>
        string.Create(CultureInfo.InvariantCulture, $"{(payload == ScalePayload.Json ? "realistic JSON" : "random bytes")}, {raw:0} B");

    /// <summary>Seeds one store into its own redis-server: used_memory after minus before, per session, and the mean stored value length.</summary>
    private static async Task<(double PerSession, double ValueBytes)> MeasureAsync(ScaleSettings settings, bool engine, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Seeding {settings.Sessions:N0} sessions of {settings.Payload} through {(engine ? $"the engine, compression {settings.Compression}" : "the built-in session")} ...");
        await using var redis = await RedisServer.StartAsync(cancellationToken);
        await using var server = await ScaleServer.StartAsync(redis.Configuration, engine, settings);
        using var http = ScaleRun.Client(server.Address);
        var baseline = await redis.UsedMemoryAsync();
        await ScaleRun.SeedAsync(http, 0, settings.Sessions, settings, i => $"user{i / settings.SessionsPerUser}", null, cancellationToken);
        var perSession = (await redis.UsedMemoryAsync() - baseline) / (double)settings.Sessions;

        var lengths = new List<long>();
        await foreach (var key in redis.Admin.KeysAsync(pattern: engine ? ScaleServer.KeyPrefix + ":s:*" : "builtin:*", pageSize: ValueSamples).WithCancellation(cancellationToken))
        {
            lengths.Add((long)await redis.Database.ExecuteAsync("HSTRLEN", key, engine ? (RedisValue)"d:v" : (RedisValue)"data"));
            if (lengths.Count == ValueSamples)
            {
                break;
            }
        }

        return (perSession, lengths.Count == 0 ? 0 : lengths.Average());
    }
}
