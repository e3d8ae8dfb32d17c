using System.Globalization;
using System.Text;
using SessionApp.Sessions.Configuration;

namespace SessionApp.Benchmarks.Failover;

/// <summary>
/// The <c>failover</c> role: runs the failover under load once with durable writes off and once with them on
/// (<c>All</c>), prints the figures and writes them to the output file.
/// </summary>
internal static class FailoverCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var settings = new FailoverSettings();
        DurableWrites[] modes = [DurableWrites.Off, DurableWrites.All];
        var output = Path.Combine("artifacts", "benchmarks", "failover.md");
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--duration":
                    settings = settings with { Duration = TimeSpan.FromSeconds(Number(args, ref i)) };
                    break;
                case "--kill-after":
                    settings = settings with { KillAfter = TimeSpan.FromSeconds(Number(args, ref i)) };
                    break;
                case "--clients":
                    settings = settings with { Clients = Number(args, ref i) };
                    break;
                case "--full-coverage":
                    settings = settings with { RequireFullCoverage = true };
                    break;
                case "--durable":
                    modes = ParseModes(Serving.ServeOptions.Value(args, ref i));
                    break;
                case "--output":
                    output = Serving.ServeOptions.Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown argument '{args[i]}'. Usage: failover [--duration 20] [--kill-after 5] [--clients 32] [--durable off,all] [--full-coverage] [--output artifacts/benchmarks/failover.md]");
            }
        }

        if (settings.KillAfter >= settings.Duration)
        {
            throw new ArgumentException("--kill-after must be shorter than --duration.");
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Failover under load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores; redis-server cluster 3 primaries × 1 replica, cluster-node-timeout {LocalRedisCluster.NodeTimeoutMs} ms, cluster-require-full-coverage {(settings.RequireFullCoverage ? "yes" : "no")}");
        report.AppendLine();
        foreach (var mode in modes)
        {
            Console.WriteLine($"Running with Sessions:DurableWrites={mode} ...");
            using var timeout = new CancellationTokenSource(settings.Duration + TimeSpan.FromMinutes(5));
            var result = await FailoverRun.RunAsync(settings with { DurableWrites = mode }, timeout.Token);
            var text = result.Describe();
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, report.ToString());
        Console.WriteLine($"Written to {output}");
        return 0;
    }

    private static DurableWrites[] ParseModes(string value) =>
        [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(static name =>
            Enum.TryParse<DurableWrites>(name, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                ? mode
                : throw new ArgumentException($"--durable: unknown mode '{name}'; the modes are off, identity and all."))];

    private static int Number(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var value = int.Parse(Serving.ServeOptions.Value(args, ref i), CultureInfo.InvariantCulture);
        return value > 0 ? value : throw new ArgumentException($"{name} must be positive.");
    }
}
