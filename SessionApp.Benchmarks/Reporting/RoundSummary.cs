namespace SessionApp.Benchmarks.Reporting;

/// <summary>
/// What a run reports from its rounds: for each variant and endpoint the round with its median requests/s, and each target
/// as the median of the values the rounds gave it (each round's value taken from variants measured minutes apart
/// at most), with every round's value kept for the report.
/// </summary>
internal sealed record RoundSummary(IReadOnlyList<VariantResult> Results, IReadOnlyList<TargetCheck> Targets, IReadOnlyList<IReadOnlyList<TargetCheck>> TargetsByRound)
{
    public static RoundSummary Summarize(IReadOnlyList<IReadOnlyList<VariantResult>> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentOutOfRangeException.ThrowIfZero(rounds.Count);
        var results = rounds[0]
            .Select(first => MedianBy(
                rounds.Select(round => round.Single(result => result.Case == first.Case && result.Endpoint == first.Endpoint)),
                static result => result.Wrk.RequestsPerSecond))
            .ToList();
        var byRound = rounds.Select(static round => TargetCheck.Evaluate(round)).ToList();
        var targets = byRound[0]
            .Select(target => target with { Value = Median(byRound.SelectMany(round => round.Where(t => t.Measure == target.Measure)).Select(static t => t.Value)) })
            .ToList();
        return new RoundSummary(results, targets, byRound);
    }

    /// <summary>The middle item by <paramref name="measure"/>; of an even count, the lower of the two middle ones.</summary>
    private static T MedianBy<T>(IEnumerable<T> items, Func<T, double> measure)
    {
        var ordered = items.OrderBy(measure).ToList();
        return ordered[(ordered.Count - 1) / 2];
    }

    private static double Median(IEnumerable<double> values)
    {
        var ordered = values.Order().ToList();
        var middle = ordered.Count / 2;
        return ordered.Count % 2 == 1 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
    }
}
