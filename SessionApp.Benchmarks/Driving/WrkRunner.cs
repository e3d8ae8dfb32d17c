using System.Diagnostics;
using System.Globalization;

namespace SessionApp.Benchmarks.Driving;

/// <summary>
/// Runs wrk against one server, bounded in time, and returns its output and the CPU time it used (read from
/// /proc while it runs, so the last fraction of a second may be missing).
/// </summary>
internal static class WrkRunner
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CpuSampleInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<(string Output, TimeSpan? Cpu)> RunAsync(Uri target, string scriptPath, DriveOptions options, TimeSpan duration, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "-t", options.Threads.ToString(CultureInfo.InvariantCulture),
            "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
            "-d", string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalSeconds}s"),
            "--timeout", "5s",
            "--latency",
            "-s", scriptPath,
            target.ToString(),
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("wrk did not start.");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var exited = process.WaitForExitAsync(cancellationToken).WaitAsync(duration + Grace, cancellationToken);
            TimeSpan? cpu = null;
            while (!exited.IsCompleted)
            {
                cpu = ProcessStats.CpuTime(process.Id) ?? cpu;
                await Task.WhenAny(exited, Task.Delay(CpuSampleInterval, cancellationToken));
            }

            await exited;
            var text = await output;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk exited with code {process.ExitCode}:{Environment.NewLine}{text}{await errors}");
            }

            return (text, cpu);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
