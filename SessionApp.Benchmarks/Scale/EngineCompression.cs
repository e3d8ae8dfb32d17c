namespace SessionApp.Benchmarks.Scale;

/// <summary>How the engine's seeded sessions are compressed.</summary>
internal enum EngineCompression
{
    /// <summary><c>Sessions:CompressValues=false</c>: stored as before compression existed.</summary>
    Off,

    /// <summary>The default: zstd level 3 without a dictionary.</summary>
    Zstd,

    /// <summary>zstd level 3 with the benchmark's shipped dictionary (<see cref="Compression.SessionDictionaries"/>).</summary>
    Dictionary,
}
