using System.Runtime.InteropServices;
using SessionApp.Benchmarks.Reporting;

namespace SessionApp.Benchmarks.Driving;

/// <summary>
/// The driving role: one redis-server for the run, then each variant in turn — start its server, seed
/// sessions, warm up, measure, sample memory and CPU, stop it, flush Redis — and finally the report.
/// </summary>
internal static class DriveCommand
{
    public static async Task<int> RunAsync(DriveOptions options)
    {
        using var stop = new CancellationTokenSource();
        // Ctrl-C and SIGTERM (bench.sh's time limit) end the run through the finally blocks that stop every process.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }

        try
        {
            var report = await MeasureAsync(options, stop.Token);
            Console.WriteLine();
            Console.WriteLine(report);
            var output = Path.GetFullPath(options.Output);
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await File.WriteAllTextAsync(output, report, CancellationToken.None);
            Console.WriteLine($"Written to {output}");
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Stopped.");
            return 130;
        }
    }

    private static async Task<string> MeasureAsync(DriveOptions options, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var scriptDirectory = Directory.CreateTempSubdirectory("sessionapp-bench-").FullName;
        try
        {
            await using var redis = await RedisServer.StartAsync(cancellationToken);
            var context = new RunContext(started, Environment.ProcessorCount, await redis.VersionAsync(), options.Connections, options.Threads,
                options.Sessions, options.Warmup, options.Duration);
            Log($"redis-server {context.RedisVersion} on {redis.Configuration}");

            var results = new List<VariantResult>();
            foreach (var benchmarkCase in options.Cases)
            {
                results.Add(await MeasureCaseAsync(benchmarkCase, redis, options, scriptDirectory, cancellationToken));
                await redis.FlushAllAsync();
            }

            var targets = TargetCheck.Evaluate(Find("a"), Find("b"), Find("c"));
            return ResultsReport.Render(context, results, targets);

            VariantResult? Find(string name) => results.FirstOrDefault(result => result.Case.Name == name);
        }
        finally
        {
            Directory.Delete(scriptDirectory, recursive: true);
        }
    }

    private static async Task<VariantResult> MeasureCaseAsync(BenchmarkCase benchmarkCase, RedisServer redis, DriveOptions options, string scriptDirectory, CancellationToken cancellationToken)
    {
        Log($"{benchmarkCase.Name}: {benchmarkCase.Description}: starting the server");
        await using var server = await ServerProcess.StartAsync(benchmarkCase, redis.Configuration, cancellationToken);

        Log($"{benchmarkCase.Name}: seeding {options.Sessions} sessions");
        var cookies = await SessionSeeder.SeedAsync(server.Address, options.Sessions, cancellationToken);
        var script = Path.Combine(scriptDirectory, $"{benchmarkCase.Name}.lua");
        await File.WriteAllTextAsync(script, WrkScript.Render(cookies, "/work"), cancellationToken);
        var target = new Uri(server.Address, "work");

        Log($"{benchmarkCase.Name}: warming up for {options.Warmup.TotalSeconds:0} s");
        var warmup = WrkOutputParser.Parse((await WrkRunner.RunAsync(target, script, options, options.Warmup, cancellationToken)).Output);
        EnsureNoErrors(benchmarkCase, warmup, "warm-up");

        await redis.ResetStatsAsync();
        var serverCpu = ProcessStats.CpuTime(server.ProcessId);
        var redisCpu = ProcessStats.CpuTime(redis.ProcessId);
        var machine = ProcessStats.MachineCpu();
        Log($"{benchmarkCase.Name}: measuring for {options.Duration.TotalSeconds:0} s");
        var (output, wrkCpu) = await WrkRunner.RunAsync(target, script, options, options.Duration, cancellationToken);
        var serverCpuAfter = ProcessStats.CpuTime(server.ProcessId);
        var redisCpuAfter = ProcessStats.CpuTime(redis.ProcessId);
        var machineAfter = ProcessStats.MachineCpu();
        var peak = ProcessStats.PeakWorkingSet(server.ProcessId);
        var commandStats = await redis.CommandStatsAsync();

        var wrk = WrkOutputParser.Parse(output);
        EnsureNoErrors(benchmarkCase, wrk, "measured run");
        Log($"{benchmarkCase.Name}: {wrk.RequestsPerSecond:0} req/s, p50 {wrk.P50Milliseconds:0.00} ms, p99 {wrk.P99Milliseconds:0.00} ms");
        var ours = serverCpuAfter - serverCpu + (redisCpuAfter - redisCpu) + wrkCpu;
        return new VariantResult(benchmarkCase, wrk, peak, PerRequest(serverCpu, serverCpuAfter, wrk), PerRequest(redisCpu, redisCpuAfter, wrk),
            wrkCpu is null || wrk.Requests == 0 ? null : wrkCpu.Value.TotalMicroseconds / wrk.Requests,
            ProcessStats.IdleShare(machine, machineAfter), ProcessStats.OtherShare(machine, machineAfter, ours), commandStats);
    }

    private static double? PerRequest(TimeSpan? before, TimeSpan? after, WrkReport wrk) =>
        before is null || after is null || wrk.Requests == 0 ? null : (after.Value - before.Value).TotalMicroseconds / wrk.Requests;

    /// <summary>A variant that answers errors under load is broken, not slow: stop rather than report its rate.</summary>
    private static void EnsureNoErrors(BenchmarkCase benchmarkCase, WrkReport report, string phase)
    {
        if (report.Errors > 0)
        {
            throw new InvalidOperationException(
                $"{benchmarkCase.Name} answered {report.Non2xxResponses} non-2xx responses and had {report.SocketErrors} socket errors in its {phase}.");
        }
    }

    private static void Log(string message) => Console.Error.WriteLine($"==> {message}");
}
