using System.Globalization;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// Three <see cref="MemoryDbLikeRedisProcess"/> masters joined into a Redis Cluster over TLS, the shape of MemoryDB in
/// cluster mode: TLS-only clients and cluster bus, the default user off, one application user.
/// </summary>
public sealed class MemoryDbLikeClusterProcess : IAsyncDisposable
{
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private readonly List<MemoryDbLikeRedisProcess> _nodes = [];

    private MemoryDbLikeClusterProcess(MemoryDbLikeUsers users)
    {
        Users = users;
    }

    public IReadOnlyList<MemoryDbLikeRedisProcess> Nodes => _nodes;

    public MemoryDbLikeUsers Users { get; }

    /// <summary>Every node's TLS endpoint with the application user's credentials.</summary>
    public string ConnectionString =>
        string.Join(',', _nodes.Select(static n => $"127.0.0.1:{n.Port}")) + $",ssl=true,user={Users.AppUser},password={Users.AppPassword}";

    public static async Task<MemoryDbLikeClusterProcess> StartAsync(MemoryDbLikeUsers users)
    {
        var cluster = new MemoryDbLikeClusterProcess(users);
        try
        {
            for (var i = 0; i < RedisClusterProcess.MasterCount; i++)
            {
                cluster._nodes.Add(await MemoryDbLikeRedisProcess.StartAsync(users, clusterNode: true));
            }

            await RedisCli.RunAsync(CreateTimeout, [
                .. cluster._nodes[0].AdminCliArguments(),
                "--cluster", "create",
                .. cluster._nodes.Select(static n => $"127.0.0.1:{n.Port}"),
                "--cluster-replicas", "0", "--cluster-yes"]);
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

    private async Task WaitUntilReadyAsync()
    {
        using var cts = new CancellationTokenSource(ReadyTimeout);
        var last = "";
        while (!cts.IsCancellationRequested)
        {
            var ready = true;
            foreach (var node in _nodes)
            {
                last = await node.AdminCliAsync(TimeSpan.FromSeconds(5), "CLUSTER", "INFO");
                ready &= last.Contains("cluster_state:ok", StringComparison.Ordinal)
                    && last.Contains("cluster_slots_assigned:16384", StringComparison.Ordinal)
                    && last.Contains(string.Create(CultureInfo.InvariantCulture, $"cluster_known_nodes:{RedisClusterProcess.MasterCount}"), StringComparison.Ordinal);
            }

            if (ready)
            {
                return;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        throw new TimeoutException($"The TLS cluster was not ready within {ReadyTimeout.TotalSeconds:0} s. Last CLUSTER INFO:{Environment.NewLine}{last}");
    }
}
