using System.Diagnostics;

namespace SessionApp.Benchmarks.Failover;

/// <summary>
/// One failover run: a fresh cluster (3 primaries × 1 replica), the engine in this process over it, the clients'
/// load, one primary killed with SIGKILL mid-run, then every client reads back what it was acknowledged.
/// </summary>
internal static class FailoverRun
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(120);

    public static async Task<FailoverResult> RunAsync(FailoverSettings settings, CancellationToken cancellationToken)
    {
        await using var cluster = await LocalRedisCluster.StartAsync(settings.RequireFullCoverage, cancellationToken);
        await using var server = await FailoverServer.StartAsync(cluster.Configuration, settings.DurableWrites);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseCookies = false })
        {
            BaseAddress = server.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };

        var topology = await cluster.TopologyAsync(cancellationToken);
        var victim = topology.Nodes.First(static n => n.IsPrimary && n.Slots.Count > 0);
        var heir = topology.ReplicaOf(victim);

        var watch = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, settings.Clients).Select(i => new LoadClient(i, http, () => watch.ElapsedMilliseconds)).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(settings.Duration);
        var load = Task.WhenAll(clients.Select(c => Task.Run(() => c.RunAsync(stop.Token), CancellationToken.None)));

        await Task.Delay(settings.KillAfter, cancellationToken);
        var killAt = watch.ElapsedMilliseconds;
        await cluster.KillAsync(victim.Port);
        long? promotedAt = null;
        while (!stop.IsCancellationRequested)
        {
            if (await LocalRedisCluster.IsPrimaryAsync(heir.Port, cancellationToken))
            {
                promotedAt = watch.ElapsedMilliseconds;
                break;
            }

            await Task.Delay(50, cancellationToken);
        }

        await load;

        // Read back every acknowledged write, once the cluster serves every slot again.
        using var checkDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        checkDeadline.CancelAfter(CheckTimeout);
        await cluster.WaitForStateOkAsync(checkDeadline.Token);
        var checks = await Task.WhenAll(clients.Select(c => c.CheckAsync(checkDeadline.Token)));
        var requests = clients.SelectMany(static c => c.Records).OrderBy(static r => r.StartMs).ToList();
        var servedAgain = requests
            .Where(r => r.StartMs >= killAt && r.Succeeded && r.Slot >= 0 && victim.Owns(r.Slot) && r.Operation is LoadOperation.Read or LoadOperation.Write)
            .Select(static r => (long?)r.EndMs)
            .Min();

        return new FailoverResult
        {
            Settings = settings,
            Requests = requests,
            KillAtMs = killAt,
            PromotedAfterMs = promotedAt - killAt,
            ServedAgainAfterMs = servedAgain - killAt,
            WasOnKilledPrimary = victim.Owns,
            AcknowledgedWritesLost = clients.Sum(static c => c.LostDuringRun) + checks.Sum(static c => c.Lost),
            RevocationsUndone = checks.Sum(static c => c.Resurrected),
        };
    }
}
