using System.Globalization;

namespace SessionApp.Benchmarks.Reporting;

/// <summary>One of the targets, evaluated on the measured figures.</summary>
internal sealed record TargetCheck(string Measure, double Value, string Unit, string Target, bool Met)
{
    public const double MinimumOverBuiltin = 2.5;
    public const double MinimumOverRaw = 0.85;
    public const double MaximumP99OverRawMilliseconds = 1.0;

    public string ValueText => string.Create(CultureInfo.InvariantCulture, $"{Value:0.00}{Unit}");

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
            var overBuiltin = engine.Wrk.RequestsPerSecond / builtin.Wrk.RequestsPerSecond;
            targets.Add(new("req/s a / b", overBuiltin, "×", "≥ 2.50×", overBuiltin >= MinimumOverBuiltin));
        }

        if (raw is not null)
        {
            var overRaw = engine.Wrk.RequestsPerSecond / raw.Wrk.RequestsPerSecond;
            var p99Gap = engine.Wrk.P99Milliseconds - raw.Wrk.P99Milliseconds;
            targets.Add(new("req/s a / c", overRaw, "×", "≥ 0.85×", overRaw >= MinimumOverRaw));
            targets.Add(new("p99(a) − p99(c)", p99Gap, " ms", "≤ 1.00 ms", p99Gap <= MaximumP99OverRawMilliseconds));
        }

        return targets;
    }
}
