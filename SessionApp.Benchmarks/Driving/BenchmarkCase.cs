using SessionApp.Benchmarks.Serving;

namespace SessionApp.Benchmarks.Driving;

/// <summary>One row of the comparison: a variant, with or without encryption or compression, and whether it counts toward the targets.</summary>
internal sealed record BenchmarkCase(string Name, BenchmarkVariant Variant, bool Encrypt, string Description)
{
    /// <summary>The engine's Sessions:CompressValues (on, its default, unless a row says otherwise).</summary>
    public bool Compress { get; init; } = true;

    public static IReadOnlyList<BenchmarkCase> All { get; } =
    [
        new("a", BenchmarkVariant.Engine, false, "engine (AddRedisSessions)"),
        new("b", BenchmarkVariant.Builtin, false, "built-in AddSession + AddStackExchangeRedisCache"),
        new("c", BenchmarkVariant.Raw, false, "raw StackExchange.Redis (HMGET + HSET)"),
        new("a+enc", BenchmarkVariant.Engine, true, "engine, AES-256-GCM key ring (extra, not a target)"),
        new("a-nozstd", BenchmarkVariant.Engine, false, "engine, compression off (extra, not a target)") { Compress = false },
    ];
}
