namespace SessionApp.Benchmarks.Scale;

/// <summary>What each seeded session holds besides its user.</summary>
internal enum ScalePayload
{
    /// <summary>1,000 random bytes, different in every session: nothing to compress.</summary>
    Incompressible,

    /// <summary>A realistic JSON session of about 1.4 KB, different in every session (<see cref="Compression.SessionPayloads"/>).</summary>
    Json,
}
