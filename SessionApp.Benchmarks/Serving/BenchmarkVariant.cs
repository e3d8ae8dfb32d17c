namespace SessionApp.Benchmarks.Serving;

/// <summary>The three ways the benchmark serves the same endpoint.</summary>
public enum BenchmarkVariant
{
    /// <summary>This engine: <c>AddRedisSessions</c> + <c>UseRedisSessions</c>.</summary>
    Engine,

    /// <summary>ASP.NET Core's <c>AddSession</c> over <c>AddStackExchangeRedisCache</c>.</summary>
    Builtin,

    /// <summary>A hand-written handler: one HMGET and one HSET on StackExchange.Redis.</summary>
    Raw,
}
