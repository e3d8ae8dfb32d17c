namespace SessionApp.Benchmarks.Driving;

/// <summary>
/// One endpoint every variant serves under load: <c>/work</c> reads three values and writes one, <c>/read</c> reads
/// the same three and changes nothing.
/// </summary>
internal sealed record BenchmarkEndpoint(string Name, string Path, string Description)
{
    public static BenchmarkEndpoint ReadWrite { get; } = new("work", "/work", "read-write: reads a, b, c, writes d");

    public static BenchmarkEndpoint ReadOnly { get; } = new("read", "/read", "read-only: reads a, b, c");

    public static IReadOnlyList<BenchmarkEndpoint> All { get; } = [ReadWrite, ReadOnly];
}
