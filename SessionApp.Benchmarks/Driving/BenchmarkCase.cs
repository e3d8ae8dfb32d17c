using SessionApp.Benchmarks.Serving;

namespace SessionApp.Benchmarks.Driving;

/// <summary>One row of the comparison: a variant, with or without encryption or compression, and whether it counts toward the targets.</summary>
internal sealed record BenchmarkCase(string Name, BenchmarkVariant Variant, bool Encrypt, string Description)
{
    /// <summary>The engine's Sessions:CompressValues (on, its default, unless a row says otherwise).</summary>
    public bool Compress { get; init; } = true;

    /// <summary>Whether the engine compresses with the benchmark's trained dictionary (an extra row).</summary>
    public bool Dictionary { get; init; }

    /// <summary>The rows a run measures unless told otherwise (<c>--cases</c>): the targets' rows and encryption.</summary>
    public static IReadOnlyList<BenchmarkCase> Default => [.. All.Where(static c => c.Compress && !c.Dictionary)];

    public static IReadOnlyList<BenchmarkCase> All { get; } =
    [
        new("a", BenchmarkVariant.Engine, false, "engine (AddRedisSessions)"),
        new("b", BenchmarkVariant.Builtin, false, "built-in AddSession + AddStackExchangeRedisCache"),
        new("c", BenchmarkVariant.Raw, false, "raw StackExchange.Redis (HMGET + HSET)"),
        new("a+enc", BenchmarkVariant.Engine, true, "engine, AES-256-GCM key ring (extra, not a target)"),
        new("a-nozstd", BenchmarkVariant.Engine, false, "engine, compression off (extra, not a target)") { Compress = false },
        new("a+dict", BenchmarkVariant.Engine, false, "engine, zstd with the trained dictionary (extra, not a target)") { Dictionary = true },
    ];
}
