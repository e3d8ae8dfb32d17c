using System.Globalization;
using SessionApp.Benchmarks.Driving;

namespace SessionApp.Benchmarks.Reporting;

/// <summary>One of the targets, evaluated on measured figures: at least, or at most, a threshold.</summary>
internal sealed record TargetCheck(string Measure, double Value, string Unit, double Threshold, bool AtLeast)
{
    public const double MinimumOverRawReadWrite = 0.90;
    public const double MinimumOverRawReadOnly = 0.95;
    public const double MaximumP99OverRawMilliseconds = 0.5;
    public const double MaximumAllocatedBytesPerRequest = 4096;

    public bool Met => AtLeast ? Value >= Threshold : Value <= Threshold;

    public string ValueText => Format(Value);

    public string Target => (AtLeast ? "≥ " : "≤ ") + Format(Threshold);

    /// <summary>
    /// Issue 15's targets on each endpoint measured: a/c ≥ 0.90 in requests per second on /work and ≥ 0.95 on
    /// /read; p99(a) − p99(c) ≤ 0.5 ms; at most 4 KB (4,096 B) allocated by the engine's server per request. A target
    /// whose rows were not measured (a run narrowed with --cases or --endpoints) is left out. The built-in session
    /// (b) has no target: its figures are in the table for reference.
    /// </summary>
    public static IReadOnlyList<TargetCheck> Evaluate(IReadOnlyList<VariantResult> round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var targets = new List<TargetCheck>();
        foreach (var endpoint in BenchmarkEndpoint.All)
        {
            var engine = Find(round, "a", endpoint);
            if (engine is null)
            {
                continue;
            }

            if (Find(round, "c", endpoint) is { } raw)
            {
                var minimum = endpoint == BenchmarkEndpoint.ReadOnly ? MinimumOverRawReadOnly : MinimumOverRawReadWrite;
                targets.Add(new($"req/s a / c, {endpoint.Path}", engine.Wrk.RequestsPerSecond / raw.Wrk.RequestsPerSecond, "×", minimum, AtLeast: true));
                targets.Add(new($"p99(a) − p99(c), {endpoint.Path}", engine.Wrk.P99Milliseconds - raw.Wrk.P99Milliseconds, " ms", MaximumP99OverRawMilliseconds, AtLeast: false));
            }

            if (engine.AllocatedBytesPerRequest is { } allocated)
            {
                targets.Add(new($"allocated per request (a), {endpoint.Path}", allocated, " B", MaximumAllocatedBytesPerRequest, AtLeast: false));
            }
        }

        return targets;
    }

    internal static VariantResult? Find(IReadOnlyList<VariantResult> round, string name, BenchmarkEndpoint endpoint) =>
        round.FirstOrDefault(result => result.Case.Name == name && result.Endpoint == endpoint);

    private string Format(double value) => Unit == " B"
        ? string.Create(CultureInfo.InvariantCulture, $"{value:#,0}{Unit}")
        : string.Create(CultureInfo.InvariantCulture, $"{value:0.00}{Unit}");
}
