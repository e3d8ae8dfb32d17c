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
        await cluster.KillAsync(victim.Port);

        // Taken once the process is gone: a request started before may still have been served by it.
        var killAt = watch.ElapsedMilliseconds;
        var promotedAt = await PollAsync(() => LocalRedisCluster.IsPrimaryAsync(heir.Port, cancellationToken), watch, stop.Token);
        long? rejoinedAt = null;
        if (promotedAt is not null)
        {
            // As a managed service replaces a failed node: a fresh one becomes the new primary's replica.
            var replacement = await cluster.AddReplicaAsync(heir, cancellationToken);
            rejoinedAt = await PollAsync(() => LocalRedisCluster.IsLinkedReplicaAsync(replacement, cancellationToken), watch, stop.Token);
        }

        await load;

        // Read back every acknowledged write, once the cluster serves every slot again.
        using var checkDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        checkDeadline.CancelAfter(CheckTimeout);
        await cluster.WaitForStateOkAsync(checkDeadline.Token);
        var checks = await Task.WhenAll(clients.Select(c => c.CheckAsync(checkDeadline.Token)));
        var requests = clients.SelectMany(static c => c.Records).OrderBy(static r => r.StartMs).ToList();
        var servedAgain = FirstSuccess(requests, killAt, victim, LoadOperation.Read);
        var writtenAgain = FirstSuccess(requests, killAt, victim, LoadOperation.Write);

        return new FailoverResult
        {
            Settings = settings,
            Requests = requests,
            KillAtMs = killAt,
            PromotedAfterMs = promotedAt - killAt,
            ServedAgainAfterMs = servedAgain - killAt,
            WrittenAgainAfterMs = writtenAgain - killAt,
            RejoinedAfterMs = rejoinedAt - killAt,
            WasOnKilledPrimary = victim.Owns,
            AcknowledgedWritesLost = clients.Sum(static c => c.LostDuringRun) + checks.Sum(static c => c.Lost),
            RevocationsUndone = checks.Sum(static c => c.Resurrected),
        };
    }

    /// <summary>When the first request of this kind on the killed primary's slots, started after the kill, succeeded.</summary>
    private static long? FirstSuccess(List<RequestRecord> requests, long killAt, ClusterNode victim, LoadOperation operation) =>
        requests.Where(r => r.Operation == operation && r.StartMs >= killAt && r.Succeeded && r.Slot >= 0 && victim.Owns(r.Slot)).Select(static r => (long?)r.EndMs).Min();

    /// <summary>Polls a condition every 50 ms until it holds (returns the time) or the load stops (null).</summary>
    private static async Task<long?> PollAsync(Func<Task<bool>> condition, Stopwatch watch, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (await condition())
            {
                return watch.ElapsedMilliseconds;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        return null;
    }
}
