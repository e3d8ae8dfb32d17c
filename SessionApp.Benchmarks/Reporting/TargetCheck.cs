using System.Globalization;

namespace SessionApp.Benchmarks.Reporting;

/// <summary>One of the targets, evaluated on measured figures: at least, or at most, a threshold.</summary>
internal sealed record TargetCheck(string Measure, double Value, string Unit, double Threshold, bool AtLeast)
{
    public const double MinimumOverBuiltin = 2.5;
    public const double MinimumOverRaw = 0.85;
    public const double MaximumP99OverRawMilliseconds = 1.0;

    public bool Met => AtLeast ? Value >= Threshold : Value <= Threshold;

    public string ValueText => Format(Value);

    public string Target => (AtLeast ? "≥ " : "≤ ") + Format(Threshold);

    /// <summary>
    /// a/b ≥ 2.5, a/c ≥ 0.85 in requests per second; p99(a) − p99(c) ≤ 1 ms. A target whose rows were not
    /// measured (a run narrowed with --cases) is left out.
    /// </summary>
    public static IReadOnlyList<TargetCheck> Evaluate(VariantResult? engine, VariantResult? builtin, VariantResult? raw)
    {
        var targets = new List<TargetCheck>();
        if (engine is null)
        {
            return targets;
        }

        if (builtin is not null)
        {
            targets.Add(new("req/s a / b", engine.Wrk.RequestsPerSecond / builtin.Wrk.RequestsPerSecond, "×", MinimumOverBuiltin, AtLeast: true));
        }

        if (raw is not null)
        {
            targets.Add(new("req/s a / c", engine.Wrk.RequestsPerSecond / raw.Wrk.RequestsPerSecond, "×", MinimumOverRaw, AtLeast: true));
            targets.Add(new("p99(a) − p99(c)", engine.Wrk.P99Milliseconds - raw.Wrk.P99Milliseconds, " ms", MaximumP99OverRawMilliseconds, AtLeast: false));
        }

        return targets;
    }

    private string Format(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.00}{Unit}");
}
