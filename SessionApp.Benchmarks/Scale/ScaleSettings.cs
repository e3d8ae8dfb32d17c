namespace SessionApp.Benchmarks.Scale;

/// <summary>What the scale run seeds and measures.</summary>
internal sealed record ScaleSettings
{
    /// <summary>Live sessions seeded into each store. Default 1,000,000.</summary>
    public int Sessions { get; init; } = 1_000_000;

    /// <summary>Sessions per user (the users are bound sessions' owners). Default 5.</summary>
    public int SessionsPerUser { get; init; } = 5;

    /// <summary>Bound sessions seeded with a short idle timeout, left to expire, then pruned. Default 100,000.</summary>
    public int Expiring { get; init; } = 100_000;

    /// <summary>How many users' lists are timed at each size. Default 1,000.</summary>
    public int ListSamples { get; init; } = 1_000;

    /// <summary>Concurrent seeding requests. Default 64.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Redis's <c>hash-max-listpack-value</c> for the engine's server; null leaves Redis's default (64).</summary>
    public int? HashMaxListpackValue { get; init; }

    /// <summary>What each session holds. Default 1,000 random bytes (nothing to compress).</summary>
    public ScalePayload Payload { get; init; } = ScalePayload.Incompressible;

    /// <summary>How the engine compresses values. Default zstd (the engine's default).</summary>
    public EngineCompression Compression { get; init; } = EngineCompression.Zstd;

    /// <summary>Whether the built-in session is measured too. Default true.</summary>
    public bool CompareBuiltin { get; init; } = true;
}
