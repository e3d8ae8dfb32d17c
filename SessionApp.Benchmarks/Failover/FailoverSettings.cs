using SessionApp.Sessions.Configuration;

namespace SessionApp.Benchmarks.Failover;

/// <summary>One failover run: how long the load lasts, when the primary is killed, how many clients, which durability.</summary>
internal sealed record FailoverSettings
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan KillAfter { get; init; } = TimeSpan.FromSeconds(5);

    public int Clients { get; init; } = 32;

    public DurableWrites DurableWrites { get; init; } = DurableWrites.Off;

    /// <summary>Redis's <c>cluster-require-full-coverage</c>; off by default, so the other primaries serve during the failover.</summary>
    public bool RequireFullCoverage { get; init; }
}
