using System.Globalization;
using StackExchange.Redis;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// A real primary and its replica (<c>--replicaof</c>), two <see cref="RedisServerProcess"/> nodes on free loopback
/// ports, ready once the primary counts the replica online and the replica's link is up.
/// </summary>
public sealed class RedisReplicaPair : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private RedisReplicaPair(RedisServerProcess primary, RedisServerProcess replica)
    {
        Primary = primary;
        Replica = replica;
    }

    public RedisServerProcess Primary { get; }

    public RedisServerProcess Replica { get; }

    public static async Task<RedisReplicaPair> StartAsync()
    {
        var primary = await RedisServerProcess.StartAsync();
        RedisServerProcess? replica = null;
        try
        {
            replica = await RedisServerProcess.StartAsync(false, "--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture));
            var pair = new RedisReplicaPair(primary, replica);
            await pair.WaitUntilReplicatingAsync();
            return pair;
        }
        catch
        {
            if (replica is not null)
            {
                await replica.DisposeAsync();
            }

            await primary.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection to the replica alone, to read what it holds.</summary>
    public Task<ConnectionMultiplexer> ConnectToReplicaAsync() =>
        ConnectionMultiplexer.ConnectAsync($"{Replica.ConnectionString},allowAdmin=true");

    public async ValueTask DisposeAsync()
    {
        await Replica.DisposeAsync();
        await Primary.DisposeAsync();
    }

    private async Task WaitUntilReplicatingAsync()
    {
        using var deadline = new CancellationTokenSource(ReadyTimeout);
        while (true)
        {
            var primary = await RedisCli.RunAsync(ReadyTimeout, "-p", Primary.Port.ToString(CultureInfo.InvariantCulture), "INFO", "replication");
            var replica = await RedisCli.RunAsync(ReadyTimeout, "-p", Replica.Port.ToString(CultureInfo.InvariantCulture), "INFO", "replication");
            if (primary.Contains("connected_slaves:1", StringComparison.Ordinal) && primary.Contains("state=online", StringComparison.Ordinal)
                && replica.Contains("master_link_status:up", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
