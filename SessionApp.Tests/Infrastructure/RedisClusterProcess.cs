using System.Globalization;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// A real Redis Cluster of three masters (no replicas) on free loopback ports: three
/// <see cref="RedisServerProcess"/> nodes with cluster mode on, joined by <c>redis-cli --cluster create</c>,
/// ready once every node reports <c>cluster_state:ok</c> with all 16384 slots assigned.
/// </summary>
public sealed class RedisClusterProcess : IAsyncDisposable
{
    public const int MasterCount = 3;

    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly List<RedisServerProcess> _nodes = [];

    private RedisClusterProcess()
    {
    }

    /// <summary>The nodes, in the order they were given to <c>redis-cli --cluster create</c>.</summary>
    public IReadOnlyList<RedisServerProcess> Nodes => _nodes;

    /// <summary>Every node's endpoint, comma separated: the StackExchange.Redis form for a cluster.</summary>
    public string ConnectionString => string.Join(',', _nodes.Select(static node => node.ConnectionString));

    public static async Task<RedisClusterProcess> StartAsync()
    {
        var cluster = new RedisClusterProcess();
        try
        {
            for (var index = 1; index <= MasterCount; index++)
            {
                cluster._nodes.Add(await StartNodeAsync(index));
            }

            await cluster.CreateClusterAsync();
            await cluster.WaitUntilReadyAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _nodes.Clear();
    }

    private static Task<RedisServerProcess> StartNodeAsync(int index) =>
        RedisServerProcess.StartAsync(
            appendOnly: false,
            "--cluster-enabled", "yes",
            // Relative to the node's own --dir, so each node keeps its file in its own temporary folder.
            "--cluster-config-file", $"nodes-{index}.conf",
            // An explicit bus port: the default (port + 10000) overflows for ephemeral ports above 55535.
            "--cluster-port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--cluster-node-timeout", "5000");

    private async Task CreateClusterAsync()
    {
        var arguments = new List<string> { "--cluster", "create" };
        arguments.AddRange(_nodes.Select(static node => node.ConnectionString));
        arguments.AddRange(["--cluster-replicas", "0", "--cluster-yes"]);
        await RedisCli.RunAsync(CreateTimeout, [.. arguments]);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var cts = new CancellationTokenSource(ReadyTimeout);
        var lastReport = "";
        while (!cts.IsCancellationRequested)
        {
            var allReady = true;
            foreach (var node in _nodes)
            {
                lastReport = await ClusterInfoAsync(node);
                if (!IsReady(lastReport))
                {
                    allReady = false;
                    break;
                }
            }

            if (allReady)
            {
                return;
            }

            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException(
            $"The Redis Cluster on {ConnectionString} was not ready within {ReadyTimeout.TotalSeconds:0} s " +
            $"(every node must report cluster_state:ok, 16384 slots assigned and {MasterCount} known nodes). " +
            $"Last CLUSTER INFO seen:{Environment.NewLine}{lastReport}");
    }

    private static Task<string> ClusterInfoAsync(RedisServerProcess node) =>
        RedisCli.RunAsync(
            ProbeTimeout,
            "-h", "127.0.0.1",
            "-p", node.Port.ToString(CultureInfo.InvariantCulture),
            "CLUSTER", "INFO");

    private static bool IsReady(string clusterInfo) =>
        clusterInfo.Contains("cluster_state:ok", StringComparison.Ordinal)
        && clusterInfo.Contains("cluster_slots_assigned:16384", StringComparison.Ordinal)
        && clusterInfo.Contains($"cluster_known_nodes:{MasterCount}", StringComparison.Ordinal);
}
