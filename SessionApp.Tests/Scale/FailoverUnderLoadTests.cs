using SessionApp.Benchmarks.Failover;
using SessionApp.Sessions.Configuration;

namespace SessionApp.Tests.Scale;

/// <summary>
/// The failover run in small (a few seconds of reads, writes, sign-ins and revocations from 8 clients; one of three
/// primaries of a real local cluster killed with SIGKILL): what users notice while its replica takes over.
/// </summary>
public sealed class FailoverUnderLoadTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    public static TheoryData<DurableWrites> Modes => [DurableWrites.Off, DurableWrites.All];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task KillingAPrimaryUnderLoad_FailsOnlyItsOwnSessions_With503AndRetryAfter(DurableWrites mode)
    {
        // Arrange
        var settings = new FailoverSettings { Duration = TimeSpan.FromSeconds(7), KillAfter = TimeSpan.FromSeconds(1.5), Clients = 8, DurableWrites = mode };

        // Act
        var result = await FailoverRun.RunAsync(settings, TestContext.Current.CancellationToken).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe());

        // Assert
        Assert.NotNull(result.PromotedAfterMs);
        if (mode == DurableWrites.Off)
        {
            // With durable writes on, the promoted primary has no replica until a fresh one links: each write to it
            // waits out Sessions:DurableWriteTimeout on the shared connection, and its reads may queue behind them.
            Assert.NotNull(result.ServedAgainAfterMs);
        }

        Assert.Empty(result.UnexpectedFailures);
        Assert.Empty(result.FailuresOnOtherPrimaries);
        Assert.Equal(0, result.RevocationsUndone);
        if (mode == DurableWrites.All)
        {
            Assert.Equal(0, result.AcknowledgedWritesLost);
        }
    }
}
