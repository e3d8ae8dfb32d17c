namespace SessionApp.Benchmarks.Serving;

/// <summary>The three ways the benchmark serves the same endpoints.</summary>
public enum BenchmarkVariant
{
    /// <summary>This engine: <c>AddRedisSessions</c> + <c>UseRedisSessions</c>.</summary>
    Engine,

    /// <summary>ASP.NET Core's <c>AddSession</c> over <c>AddStackExchangeRedisCache</c>.</summary>
    Builtin,

    /// <summary>Hand-written handlers on StackExchange.Redis: one HMGET and one HSET for /work, one HMGET for /read.</summary>
    Raw,
}
