using SessionApp.Sessions;

namespace SessionApp.Benchmarks.Compression;

/// <summary>
/// The zstd dictionary the benchmark ships, as an application would: trained on its own session values
/// (<c>train-dictionary</c>), embedded in the assembly, registered under an id that values name.
/// </summary>
internal static class SessionDictionaries
{
    /// <summary>The id values compressed with the shipped dictionary carry.</summary>
    public const int CurrentId = 1;

    /// <summary>The dictionary's file beside this source, embedded under the same name.</summary>
    public const string FileName = "session-payloads-v1.zdict";

    /// <summary>Registers the shipped dictionary (a newer one would be added beside it, under the next id).</summary>
    public static RedisSessionsBuilder AddSessionDictionaries(this RedisSessionsBuilder builder) =>
        builder.AddCompressionDictionary(CurrentId, typeof(SessionDictionaries).Assembly, FileName);
}
