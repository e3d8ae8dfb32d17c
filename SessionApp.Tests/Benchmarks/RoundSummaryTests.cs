using SessionApp.Benchmarks.Driving;
using SessionApp.Benchmarks.Reporting;

namespace SessionApp.Tests.Benchmarks;

public class RoundSummaryTests
{
    private static readonly BenchmarkCase Engine = BenchmarkCase.All.Single(c => c.Name == "a");
    private static readonly BenchmarkCase Raw = BenchmarkCase.All.Single(c => c.Name == "c");

    [Fact]
    public void Summarize_ThreeRounds_ReportsEachVariantsMedianRoundAndTheMedianOfEachTarget()
    {
        // Arrange: the machine slows down in round 2, for both variants alike
        IReadOnlyList<VariantResult>[] rounds =
        [
            [Result(Engine, 700, p99: 5.0, allocated: 5000), Result(Raw, 1000, p99: 4.0)],
            [Result(Engine, 300, p99: 9.0, allocated: 3000), Result(Raw, 500, p99: 7.5)],
            [Result(Engine, 800, p99: 4.0, allocated: 3900), Result(Raw, 1000, p99: 3.8)],
        ];

        // Act
        var summary = RoundSummary.Summarize(rounds);

        // Assert: rows are the median rounds (a: 700 of 300/700/800; c: a 1000 of 500/1000/1000)
        Assert.Equal([700.0, 1000.0], summary.Results.Select(r => r.Wrk.RequestsPerSecond));
        var overRaw = summary.Targets.Single(t => t.Measure == "req/s a / c, /work");
        Assert.Equal(0.7, overRaw.Value, precision: 6); // the rounds' a/c: 0.7, 0.6, 0.8
        Assert.False(overRaw.Met); // issue 15: at least 0.90 on the read-write endpoint
        var p99Gap = summary.Targets.Single(t => t.Measure == "p99(a) − p99(c), /work");
        Assert.Equal(1.0, p99Gap.Value, precision: 6); // the rounds' gaps: 1.0, 1.5, 0.2
        Assert.False(p99Gap.Met); // at most 0.5 ms
        var allocated = summary.Targets.Single(t => t.Measure == "allocated per request (a), /work");
        Assert.Equal(3900, allocated.Value, precision: 6); // the rounds' 5000, 3000, 3900
        Assert.True(allocated.Met); // at most 4,096 B
        Assert.Equal(3, summary.TargetsByRound.Count);
        Assert.Equal(0.6, summary.TargetsByRound[1].Single(t => t.Measure == "req/s a / c, /work").Value, precision: 6);
    }

    [Fact]
    public void Summarize_BothEndpoints_HoldsTheReadOnlyEndpointToItsOwnRatio()
    {
        // Arrange: the engine at 0.92 of raw on both endpoints
        IReadOnlyList<VariantResult>[] rounds =
        [
            [Result(Engine, 920, p99: 4.2), Result(Raw, 1000, p99: 4.0), Result(Engine, 920, p99: 4.2, BenchmarkEndpoint.ReadOnly), Result(Raw, 1000, p99: 4.0, BenchmarkEndpoint.ReadOnly)],
        ];

        // Act
        var summary = RoundSummary.Summarize(rounds);

        // Assert: 0.92 meets the read-write endpoint's 0.90 and misses the read-only endpoint's 0.95
        Assert.Equal(4, summary.Results.Count);
        Assert.True(summary.Targets.Single(t => t.Measure == "req/s a / c, /work").Met);
        Assert.False(summary.Targets.Single(t => t.Measure == "req/s a / c, /read").Met);
        Assert.True(summary.Targets.Single(t => t.Measure == "p99(a) − p99(c), /read").Met);
    }

    [Fact]
    public void Summarize_WithoutTheRawRow_LeavesItsTargetsOut()
    {
        // Act
        var summary = RoundSummary.Summarize([[Result(Engine, 700, p99: 5.0)]]);

        // Assert
        Assert.Empty(summary.Targets);
        Assert.Single(summary.Results);
    }

    private static VariantResult Result(BenchmarkCase benchmarkCase, double requestsPerSecond, double p99, BenchmarkEndpoint? endpoint = null) =>
        Result(benchmarkCase, requestsPerSecond, p99, allocated: null, endpoint);

    private static VariantResult Result(BenchmarkCase benchmarkCase, double requestsPerSecond, double p99, double? allocated, BenchmarkEndpoint? endpoint = null) =>
        new(benchmarkCase, endpoint ?? BenchmarkEndpoint.ReadWrite, new WrkReport((long)(requestsPerSecond * 10), requestsPerSecond, 1, 2, p99, 0, 0), null, null, null, null, allocated, null, null, []);
}
