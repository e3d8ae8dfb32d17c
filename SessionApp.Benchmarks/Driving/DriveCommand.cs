using System.Runtime.InteropServices;
using SessionApp.Benchmarks.Reporting;

namespace SessionApp.Benchmarks.Driving;

/// <summary>
/// The driving role: one redis-server for the run; every variant's server started, seeded and warmed up on each
/// endpoint; then rounds of measured runs that take the endpoints and, on each, the variants in turn, sampling CPU and memory; finally the report, each
/// figure the median of the rounds.
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
        var servers = new List<PreparedCase>();
        try
        {
            await using var redis = await RedisServer.StartAsync(cancellationToken);
            var context = new RunContext(started, Environment.ProcessorCount, await redis.VersionAsync(), options.Connections, options.Threads,
                options.Sessions, options.Warmup, options.Duration, options.Rounds, options.Payload);
            Log($"redis-server {context.RedisVersion} on {redis.Configuration}");

            // Every variant's server runs for the whole run (each under its own key prefix), so the measured runs
            // can alternate between them: a slow spell of a shared machine then falls on every variant alike.
            foreach (var benchmarkCase in options.Cases)
            {
                servers.Add(await PrepareCaseAsync(benchmarkCase, redis, options, scriptDirectory, cancellationToken));
            }

            var rounds = new List<IReadOnlyList<VariantResult>>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                var results = new List<VariantResult>();
                foreach (var endpoint in options.Endpoints)
                {
                    foreach (var server in servers)
                    {
                        results.Add(await MeasureCaseAsync(server, endpoint, round, redis, options, cancellationToken));
                    }
                }

                rounds.Add(results);
            }

            return ResultsReport.Render(context, RoundSummary.Summarize(rounds));
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.Server.DisposeAsync();
            }

            Directory.Delete(scriptDirectory, recursive: true);
        }
    }

    /// <summary>Starts a variant's server, seeds its sessions and warms up each endpoint.</summary>
    private static async Task<PreparedCase> PrepareCaseAsync(BenchmarkCase benchmarkCase, RedisServer redis, DriveOptions options, string scriptDirectory, CancellationToken cancellationToken)
    {
        Log($"{benchmarkCase.Name}: {benchmarkCase.Description}: starting the server");
        var server = await ServerProcess.StartAsync(benchmarkCase, redis.Configuration, cancellationToken, "--payload", options.Payload.ToString().ToLowerInvariant());
        try
        {
            Log($"{benchmarkCase.Name}: seeding {options.Sessions} sessions");
            var cookies = await SessionSeeder.SeedAsync(server.Address, options.Sessions, cancellationToken);
            var scripts = new Dictionary<BenchmarkEndpoint, string>();
            foreach (var endpoint in options.Endpoints)
            {
                var script = Path.Combine(scriptDirectory, $"{benchmarkCase.Name}-{endpoint.Name}.lua");
                await File.WriteAllTextAsync(script, WrkScript.Render(cookies, endpoint.Path), cancellationToken);
                scripts[endpoint] = script;
                Log($"{benchmarkCase.Name}: warming up {endpoint.Path} for {options.Warmup.TotalSeconds:0} s");
                var warmup = WrkOutputParser.Parse((await WrkRunner.RunAsync(new Uri(server.Address, endpoint.Path), script, options, options.Warmup, cancellationToken)).Output);
                EnsureNoErrors(benchmarkCase, warmup, $"{endpoint.Path} warm-up");
            }

            return new PreparedCase(benchmarkCase, server, scripts);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task<VariantResult> MeasureCaseAsync(PreparedCase prepared, BenchmarkEndpoint endpoint, int round, RedisServer redis, DriveOptions options, CancellationToken cancellationToken)
    {
        var (benchmarkCase, server, scripts) = prepared;
        var script = scripts[endpoint];
        var target = new Uri(server.Address, endpoint.Path);
        await redis.ResetStatsAsync();
        var allocated = await server.AllocatedBytesAsync(cancellationToken);
        var serverCpu = ProcessStats.CpuTime(server.ProcessId);
        var redisCpu = ProcessStats.CpuTime(redis.ProcessId);
        var machine = ProcessStats.MachineCpu();
        Log($"{benchmarkCase.Name} {endpoint.Path}: round {round} of {options.Rounds}: measuring for {options.Duration.TotalSeconds:0} s");
        var (output, wrkCpu) = await WrkRunner.RunAsync(target, script, options, options.Duration, cancellationToken);
        var serverCpuAfter = ProcessStats.CpuTime(server.ProcessId);
        var redisCpuAfter = ProcessStats.CpuTime(redis.ProcessId);
        var machineAfter = ProcessStats.MachineCpu();
        var peak = ProcessStats.PeakWorkingSet(server.ProcessId);
        var allocatedAfter = await server.AllocatedBytesAsync(cancellationToken);
        var commandStats = await redis.CommandStatsAsync();

        var wrk = WrkOutputParser.Parse(output);
        EnsureNoErrors(benchmarkCase, wrk, $"{endpoint.Path} measured run");
        Log($"{benchmarkCase.Name} {endpoint.Path}: {wrk.RequestsPerSecond:0} req/s, p50 {wrk.P50Milliseconds:0.00} ms, p99 {wrk.P99Milliseconds:0.00} ms");
        var ours = serverCpuAfter - serverCpu + (redisCpuAfter - redisCpu) + wrkCpu;
        return new VariantResult(benchmarkCase, endpoint, wrk, peak, PerRequest(serverCpu, serverCpuAfter, wrk), PerRequest(redisCpu, redisCpuAfter, wrk),
            wrkCpu is null || wrk.Requests == 0 ? null : wrkCpu.Value.TotalMicroseconds / wrk.Requests,
            allocated is null || allocatedAfter is null || wrk.Requests == 0 ? null : (double)(allocatedAfter.Value - allocated.Value) / wrk.Requests,
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

    /// <summary>A variant ready to measure: its running server and a wrk script per endpoint.</summary>
    private sealed record PreparedCase(BenchmarkCase Case, ServerProcess Server, IReadOnlyDictionary<BenchmarkEndpoint, string> Scripts);
}
