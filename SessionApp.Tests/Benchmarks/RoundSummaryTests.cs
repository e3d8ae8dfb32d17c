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
            [Result(Engine, 700, p99: 5.0), Result(Raw, 1000, p99: 4.0)],
            [Result(Engine, 300, p99: 9.0), Result(Raw, 500, p99: 7.5)],
            [Result(Engine, 800, p99: 4.0), Result(Raw, 1000, p99: 3.8)],
        ];

        // Act
        var summary = RoundSummary.Summarize(rounds);

        // Assert: rows are the median rounds (a: 700 of 300/700/800; c: a 1000 of 500/1000/1000)
        Assert.Equal([700.0, 1000.0], summary.Results.Select(r => r.Wrk.RequestsPerSecond));
        var overRaw = summary.Targets.Single(t => t.Measure == "req/s a / c");
        Assert.Equal(0.7, overRaw.Value, precision: 6); // the rounds' a/c: 0.7, 0.6, 0.8
        Assert.False(overRaw.Met);
        var p99Gap = summary.Targets.Single(t => t.Measure == "p99(a) − p99(c)");
        Assert.Equal(1.0, p99Gap.Value, precision: 6); // the rounds' gaps: 1.0, 1.5, 0.2
        Assert.True(p99Gap.Met);
        Assert.Equal(3, summary.TargetsByRound.Count);
        Assert.Equal(0.6, summary.TargetsByRound[1].Single(t => t.Measure == "req/s a / c").Value, precision: 6);
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

    private static VariantResult Result(BenchmarkCase benchmarkCase, double requestsPerSecond, double p99) =>
        new(benchmarkCase, new WrkReport((long)(requestsPerSecond * 10), requestsPerSecond, 1, 2, p99, 0, 0), null, null, null, null, null, null, null, []);
}
