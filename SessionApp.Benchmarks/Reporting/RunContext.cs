namespace SessionApp.Benchmarks.Reporting;

/// <summary>The conditions of a run, printed above its figures.</summary>
internal sealed record RunContext(
    DateTimeOffset Started,
    int ProcessorCount,
    string RedisVersion,
    int Connections,
    int Threads,
    int Sessions,
    TimeSpan Warmup,
    TimeSpan Duration,
    int Rounds,
    SessionApp.Benchmarks.Serving.PayloadKind Payload = SessionApp.Benchmarks.Serving.PayloadKind.Small);
