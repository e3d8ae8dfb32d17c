using System.Diagnostics;
using System.Globalization;
using SessionApp.Benchmarks.Driving;

namespace SessionApp.Benchmarks.Failover;

/// <summary>
/// A local Redis Cluster of three primaries with one replica each (six redis-server processes on free loopback
/// ports, <c>cluster-node-timeout</c> 1000 ms), joined with <c>redis-cli --cluster create --cluster-replicas 1</c>,
/// ready once every node reports <c>cluster_state:ok</c> and every replica's link is up.
/// </summary>
internal sealed class LocalRedisCluster : IAsyncDisposable
{
    public const int PrimaryCount = 3;
    public const int NodeTimeoutMs = 1000;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(30);
    private readonly List<(int Port, ChildProcess Process, string Directory)> _nodes = [];
    private readonly bool _requireFullCoverage;

    private LocalRedisCluster(bool requireFullCoverage)
    {
        _requireFullCoverage = requireFullCoverage;
    }

    /// <summary>Every node's endpoint, comma separated: the StackExchange.Redis form for a cluster.</summary>
    public string Configuration => string.Join(',', _nodes.Select(static n => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{n.Port}")));

    public IReadOnlyList<int> Ports => [.. _nodes.Select(static n => n.Port)];

    /// <summary>
    /// Starts the six nodes and forms the cluster. <paramref name="requireFullCoverage"/> is Redis's
    /// <c>cluster-require-full-coverage</c>: when yes (Redis's default), every primary refuses all keys while any
    /// slot has no serving primary.
    /// </summary>
    public static async Task<LocalRedisCluster> StartAsync(bool requireFullCoverage, CancellationToken cancellationToken)
    {
        var cluster = new LocalRedisCluster(requireFullCoverage);
        try
        {
            for (var i = 0; i < PrimaryCount * 2; i++)
            {
                cluster._nodes.Add(cluster.StartNode(FreePort.Next(), Directory.CreateTempSubdirectory("sessionapp-failover-redis-").FullName));
            }

            foreach (var node in cluster._nodes)
            {
                await WaitForPingAsync(node.Port, cancellationToken);
            }

            await CliAsync(["--cluster", "create", .. cluster._nodes.Select(static n => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{n.Port}")), "--cluster-replicas", "1", "--cluster-yes"], cancellationToken);
            await cluster.WaitUntilReadyAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The current topology as <c>CLUSTER NODES</c> reports it from a live node.</summary>
    public async Task<ClusterTopology> TopologyAsync(CancellationToken cancellationToken)
    {
        foreach (var node in _nodes.Where(static n => !n.Process.HasExited))
        {
            try
            {
                return ClusterTopology.Parse(await CliAsync(["-p", node.Port.ToString(CultureInfo.InvariantCulture), "CLUSTER", "NODES"], cancellationToken));
            }
            catch (InvalidOperationException)
            {
                // Try the next node.
            }
        }

        throw new InvalidOperationException("No cluster node answered CLUSTER NODES.");
    }

    /// <summary>Kills a node at once (SIGKILL), as a crashed machine.</summary>
    public async Task KillAsync(int port)
    {
        var node = _nodes.Single(n => n.Port == port);
        using var process = Process.GetProcessById(node.Process.Id);
        process.Kill();
        await node.Process.WaitForExitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    /// <summary>Whether the node at <paramref name="port"/> now calls itself a primary (ROLE answers <c>master</c>).</summary>
    public static async Task<bool> IsPrimaryAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            var role = await CliAsync(["-p", port.ToString(CultureInfo.InvariantCulture), "ROLE"], cancellationToken);
            return role.StartsWith("master", StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Waits until every live node reports <c>cluster_state:ok</c>.</summary>
    public async Task WaitForStateOkAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        while (true)
        {
            var ok = true;
            foreach (var node in _nodes.Where(static n => !n.Process.HasExited))
            {
                var info = await CliAsync(["-p", node.Port.ToString(CultureInfo.InvariantCulture), "CLUSTER", "INFO"], deadline.Token);
                ok &= info.Contains("cluster_state:ok", StringComparison.Ordinal);
            }

            if (ok)
            {
                return;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.Process.DisposeAsync();
            try
            {
                Directory.Delete(node.Directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    internal static async Task<string> CliAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        await using var cli = ChildProcess.Start("redis-cli", arguments);
        if (!await cli.WaitForExitAsync(CliTimeout, cancellationToken) || cli.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', arguments)} failed: {cli.Output}");
        }

        // A plain command to a node that is down prints the error and exits 0; --cluster tolerates a dead node.
        var output = cli.Output;
        var plain = !arguments.Contains("--cluster");
        return plain && (output.StartsWith("Could not connect", StringComparison.Ordinal) || output.StartsWith("ERR", StringComparison.Ordinal))
            ? throw new InvalidOperationException($"redis-cli {string.Join(' ', arguments)}: {output}")
            : output;
    }

    private static async Task WaitForPingAsync(int port, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        while (true)
        {
            try
            {
                if ((await CliAsync(["-p", port.ToString(CultureInfo.InvariantCulture), "PING"], deadline.Token)).StartsWith("PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>
    /// Replaces a failed node as a managed service does: a fresh, empty node (a new port, a new folder) joins the
    /// cluster as the replica of <paramref name="primary"/>; returns its port. (Restarting the killed node on its
    /// old <c>nodes.conf</c> would not do: until the cluster corrects it, it claims its old slots, empty.)
    /// </summary>
    public async Task<int> AddReplicaAsync(ClusterNode primary, CancellationToken cancellationToken)
    {
        var node = StartNode(FreePort.Next(), Directory.CreateTempSubdirectory("sessionapp-failover-redis-").FullName);
        _nodes.Add(node);
        await WaitForPingAsync(node.Port, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Refused while the nodes do not yet agree on the failover; tried again shortly.
                await CliAsync(
                    ["--cluster", "add-node", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{node.Port}"), string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{primary.Port}"), "--cluster-slave", "--cluster-master-id", primary.Id],
                    cancellationToken);
                return node.Port;
            }
            catch (InvalidOperationException) when (attempt < 10)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    /// <summary>Whether the node at <paramref name="port"/> is a replica whose link to its primary is up.</summary>
    public static async Task<bool> IsLinkedReplicaAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            var info = await CliAsync(["-p", port.ToString(CultureInfo.InvariantCulture), "INFO", "replication"], cancellationToken);
            return info.Contains("role:slave", StringComparison.Ordinal) && info.Contains("master_link_status:up", StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private (int Port, ChildProcess Process, string Directory) StartNode(int port, string directory)
    {
        var process = ChildProcess.Start("redis-server",
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning",
            "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", NodeTimeoutMs.ToString(CultureInfo.InvariantCulture),
            "--cluster-require-full-coverage", _requireFullCoverage ? "yes" : "no",
        ]);
        return (port, process, directory);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        await WaitForStateOkAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        while (true)
        {
            var topology = await TopologyAsync(deadline.Token);
            var linked = 0;
            foreach (var replica in topology.Nodes.Where(static n => !n.IsPrimary))
            {
                var info = await CliAsync(["-p", replica.Port.ToString(CultureInfo.InvariantCulture), "INFO", "replication"], deadline.Token);
                linked += info.Contains("master_link_status:up", StringComparison.Ordinal) ? 1 : 0;
            }

            if (topology.Nodes.Count(static n => n.IsPrimary && n.Slots.Count > 0) == PrimaryCount && linked == PrimaryCount)
            {
                return;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
