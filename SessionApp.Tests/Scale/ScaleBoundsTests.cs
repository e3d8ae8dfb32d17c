using SessionApp.Benchmarks.Scale;

namespace SessionApp.Tests.Scale;

/// <summary>
/// The scale run in small (10,000 sessions of a 1,000-byte value bound to users, 2,000 more left to expire) on a
/// real redis-server: memory per session within a stated bound, a user's list costing the same number of Redis
/// commands whatever the total, and expired sessions gone from the indexes once each user is listed.
/// </summary>
public sealed class ScaleBoundsTests
{
    /// <summary>
    /// Redis memory per ~1 KB session, its user index and the users set included: measured 1,529 bytes on Redis 7.0
    /// (the earlier layout, since removed, took 1,662, which this bound refuses).
    /// </summary>
    private const double MaxBytesPerSession = 1_600;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TenThousandSessions_StayWithinTheMemoryBound_ListAtAConstantCost_AndPruneEveryExpiredHandle()
    {
        // Arrange
        var settings = new ScaleSettings { Sessions = 10_000, Expiring = 2_000, SessionsPerUser = 5, ListSamples = 200, CompareBuiltin = false };

        // Act
        var result = await ScaleRun.RunAsync(settings, static _ => { }, TestContext.Current.CancellationToken).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe());

        // Assert
        Assert.InRange(result.EngineBytesPerSession, 1_000, MaxBytesPerSession);
        Assert.Equal(1 + (2 * settings.SessionsPerUser), result.ListAtSmall.CommandsPerList);
        Assert.Equal(result.ListAtSmall.CommandsPerList, result.ListAtFull.CommandsPerList);
        Assert.Equal(settings.Expiring, result.StaleEntriesBeforePrune);
        Assert.Equal(0, result.StaleEntriesAfterPrune);
        Assert.True(result.IndexBytesAfterPrune < result.IndexBytesBeforePrune, "pruning left the expired sessions' index memory behind");
    }
}
