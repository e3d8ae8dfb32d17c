using System.Globalization;
using System.Text;
using SessionApp.Benchmarks.Driving;
using SessionApp.Sessions.Configuration;

namespace SessionApp.Benchmarks.Failover;

/// <summary>
/// The <c>durable-cost</c> role: the benchmark's engine endpoint (<c>/work</c>: read three keys, write one) under
/// wrk on a primary with one replica, with Sessions:DurableWrites Off and All in turn, in the same run; prints the
/// requests per second and latencies of each round.
/// </summary>
internal static class DurableCostCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = new DriveOptions { Connections = 64, Threads = 2, Sessions = 256 };
        var duration = TimeSpan.FromSeconds(10);
        var rounds = 3;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--duration":
                    duration = TimeSpan.FromSeconds(int.Parse(Serving.ServeOptions.Value(args, ref i), CultureInfo.InvariantCulture));
                    break;
                case "--rounds":
                    rounds = int.Parse(Serving.ServeOptions.Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: durable-cost [--duration 10] [--rounds 3]");
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10) + (duration * rounds * 4));
        var cancellationToken = timeout.Token;
        await using var primary = await RedisServer.StartAsync(cancellationToken);
        await using var replica = await ReplicaAsync(primary.Port, cancellationToken);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Durable writes' cost, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores; redis-server {await primary.VersionAsync()} primary + 1 replica on loopback; wrk -t{options.Threads} -c{options.Connections} -d{duration.TotalSeconds:0}s, {options.Sessions} sessions, GET /work (read 3 keys, write 1)");
        report.AppendLine("| round | DurableWrites | requests/s | p50 ms | p99 ms | errors |");
        report.AppendLine("|---|---|---|---|---|---|");
        var engine = BenchmarkCase.All.First(static c => c.Name == "a");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var mode in new[] { DurableWrites.Off, DurableWrites.All })
            {
                await using var server = await ServerProcess.StartAsync(engine, primary.Configuration, cancellationToken, "--durable", mode.ToString());
                var cookies = await SessionSeeder.SeedAsync(server.Address, options.Sessions, cancellationToken);
                var script = Path.Combine(Path.GetTempPath(), $"sessionapp-durable-{Environment.ProcessId}.lua");
                await File.WriteAllTextAsync(script, WrkScript.Render(cookies, "/work"), cancellationToken);
                await WrkRunner.RunAsync(server.Address, script, options, TimeSpan.FromSeconds(3), cancellationToken);
                var (output, _) = await WrkRunner.RunAsync(server.Address, script, options, duration, cancellationToken);
                File.Delete(script);
                var wrk = WrkOutputParser.Parse(output);
                var line = string.Create(CultureInfo.InvariantCulture, $"| {round} | {mode} | {wrk.RequestsPerSecond:0} | {wrk.P50Milliseconds:0.00} | {wrk.P99Milliseconds:0.00} | {wrk.Errors} |");
                Console.WriteLine(line);
                report.AppendLine(line);
            }
        }

        Console.WriteLine();
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>A redis-server replicating <paramref name="primaryPort"/>, once its link is up.</summary>
    private static async Task<ChildProcess> ReplicaAsync(int primaryPort, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var replica = ChildProcess.Start("redis-server",
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning",
            "--replicaof", "127.0.0.1", primaryPort.ToString(CultureInfo.InvariantCulture),
        ]);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (!await LocalRedisCluster.IsLinkedReplicaAsync(port, deadline.Token))
        {
            await Task.Delay(100, deadline.Token);
        }

        return replica;
    }
}
