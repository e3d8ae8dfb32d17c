using System.Globalization;
using System.Text;
using SessionApp.Benchmarks.Driving;

namespace SessionApp.Benchmarks.Reporting;

/// <summary>Renders a run as Markdown: the table, the targets, and Redis's command statistics per variant and endpoint.</summary>
internal static class ResultsReport
{
    public static string Render(RunContext context, RoundSummary summary)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(summary);
        var (results, targets, targetsByRound) = summary;
        var text = new StringBuilder();
        text.AppendLine("# Session load benchmark");
        text.AppendLine();
        text.AppendLine(Invariant($"{context.Started:yyyy-MM-dd HH:mm} UTC, {context.ProcessorCount} cores, redis-server {context.RedisVersion} (no persistence), wrk -t{context.Threads} -c{context.Connections} --latency, {context.Sessions} sessions rotated per variant, {context.Warmup.TotalSeconds:0} s warm-up each, then {context.Rounds} rounds of {context.Duration.TotalSeconds:0} s measured runs taking the variants in turn."));
        text.AppendLine();
        text.AppendLine(context.Payload == SessionApp.Benchmarks.Serving.PayloadKind.Json
            ? "Payload `json`: GET /work reads keys a (a realistic ≈1.4 KB JSON session), b and c (100 bytes each) and writes d as another ≈1.4 KB JSON session; GET /read reads the same three and changes nothing."
            : "GET /work reads keys a, b, c (100 bytes each) from the session and writes d; GET /read reads the same three and changes nothing.");
        text.AppendLine("Figures come from the measured runs only: each row is the variant's round with its median requests/s on that endpoint, each target the median of its value over the rounds.");
        text.AppendLine();
        text.AppendLine("| variant | what | endpoint | requests/s | p50 ms | p90 ms | p99 ms | errors | peak RSS MiB | server CPU µs/req | redis CPU µs/req | wrk CPU µs/req | server allocated B/req | machine idle | other processes |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            var wrk = result.Wrk;
            text.AppendLine(Invariant($"| {result.Case.Name} | {result.Case.Description} | {result.Endpoint.Path} | {wrk.RequestsPerSecond:0} | {wrk.P50Milliseconds:0.00} | {wrk.P90Milliseconds:0.00} | {wrk.P99Milliseconds:0.00} | {wrk.Errors} | {Mebibytes(result.PeakWorkingSetBytes)} | {Number(result.ServerCpuMicrosPerRequest)} | {Number(result.RedisCpuMicrosPerRequest)} | {Number(result.WrkCpuMicrosPerRequest)} | {Number(result.AllocatedBytesPerRequest)} | {Percent(result.MachineIdleShare)} | {Percent(result.OtherProcessesShare)} |"));
        }

        text.AppendLine();
        text.AppendLine("CPU columns are the CPU time each process used during the measured run divided by its requests; \"server allocated\" is what the server's runtime allocated on the managed heap, divided the same way; the last two are shares of the whole machine (all cores). Everything shares the cores, so CPU per request decides requests/s once the machine is busy; \"other processes\" is load from outside the benchmark, which skews the row it lands on.");
        text.AppendLine();
        text.AppendLine("| target (issue 15) | measured | required | |");
        text.AppendLine("|---|---:|---:|---|");
        foreach (var target in targets)
        {
            text.AppendLine(Invariant($"| {target.Measure} | {target.ValueText} | {target.Target} | {(target.Met ? "met" : "MISSED")} |"));
        }

        if (targets.Count > 0 && targetsByRound.Count > 1)
        {
            text.AppendLine();
            text.AppendLine("Each round's values: " + string.Join("; ", targets.Select(target =>
                $"{target.Measure} " + string.Join(", ", targetsByRound.SelectMany(round => round.Where(t => t.Measure == target.Measure)).Select(static t => t.ValueText)))) + ".");
        }

        if (References(results) is { } references)
        {
            text.AppendLine();
            text.AppendLine(references);
        }

        foreach (var endpoint in results.Select(static r => r.Endpoint).Distinct())
        {
            text.AppendLine();
            text.AppendLine(CpuComparison(endpoint, [.. results.Where(r => r.Endpoint == endpoint)]));
        }
        text.AppendLine();
        text.AppendLine("Redis command statistics of each measured run (calls per request, µs per call as Redis counts it; commands run inside a script are counted again under their own names):");
        text.AppendLine();
        foreach (var result in results)
        {
            text.AppendLine(Invariant($"- {result.Case.Name} {result.Endpoint.Path}: {CommandStats(result)}"));
        }

        return text.ToString();
    }

    /// <summary>
    /// The same comparison on CPU per request (server + Redis + wrk), which load from other processes skews far
    /// less than requests/s: on a CPU-bound machine requests/s is in inverse proportion to it.
    /// </summary>
    private static string CpuComparison(BenchmarkEndpoint endpoint, IReadOnlyList<VariantResult> results)
    {
        var totals = results.Select(static r => (r.Case.Name, Total: r.ServerCpuMicrosPerRequest + r.RedisCpuMicrosPerRequest + r.WrkCpuMicrosPerRequest)).ToList();
        if (totals.Count == 0 || totals.Any(static t => t.Total is null))
        {
            return $"CPU per request on {endpoint.Path}: not available.";
        }

        var each = string.Join(", ", totals.Select(static t => Invariant($"{t.Name} {t.Total:0} µs")));
        var engine = totals.FirstOrDefault(static t => t.Name == "a").Total;
        var ratios = engine is null
            ? []
            : totals.Where(static t => t.Name is "b" or "c").Select(t => Invariant($"a/{t.Name} = {t.Total!.Value / engine.Value:0.00}×")).ToList();
        return ratios.Count == 0
            ? $"CPU per request on {endpoint.Path}, server + Redis + wrk: {each}."
            : $"CPU per request on {endpoint.Path}, server + Redis + wrk: {each}. Throughput these imply on a CPU-bound machine: {string.Join(", ", ratios)}.";
    }

    /// <summary>The engine against the built-in session, per endpoint: in the table for reference, with no target.</summary>
    private static string? References(IReadOnlyList<VariantResult> results)
    {
        var ratios = new List<string>();
        foreach (var endpoint in BenchmarkEndpoint.All)
        {
            if (TargetCheck.Find(results, "a", endpoint) is { } engine && TargetCheck.Find(results, "b", endpoint) is { } builtin)
            {
                ratios.Add(Invariant($"{engine.Wrk.RequestsPerSecond / builtin.Wrk.RequestsPerSecond:0.00}× on {endpoint.Path}"));
            }
        }

        return ratios.Count == 0 ? null : $"For reference (no target): a / b in requests/s, the rows' median rounds: {string.Join(", ", ratios)}.";
    }

    private static string CommandStats(VariantResult result)
    {
        var parts = new List<string>();
        foreach (var line in result.RedisCommandStats)
        {
            // cmdstat_evalsha:calls=123,usec=456,usec_per_call=3.71,rejected_calls=0,failed_calls=0
            var name = line["cmdstat_".Length..line.IndexOf(':', StringComparison.Ordinal)];
            var fields = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',')
                .Select(static f => f.Split('='))
                .Where(static f => f.Length == 2)
                .ToDictionary(static f => f[0], static f => f[1]);
            if (name.StartsWith("config", StringComparison.Ordinal) || name == "info" || !fields.TryGetValue("calls", out var calls))
            {
                continue;
            }

            var perRequest = double.Parse(calls, CultureInfo.InvariantCulture) / Math.Max(1, result.Wrk.Requests);
            var perCall = fields.TryGetValue("usec_per_call", out var usec) ? usec : "?";
            parts.Add(Invariant($"{name} {perRequest:0.00}/req × {perCall} µs"));
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static string Mebibytes(long? bytes) => bytes is null ? "n/a" : Invariant($"{bytes.Value / 1024.0 / 1024.0:0}");

    private static string Percent(double? share) => share is null ? "n/a" : Invariant($"{share.Value:0%}");

    private static string Number(double? value) => value is null ? "n/a" : Invariant($"{value.Value:0}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
