using System.Globalization;
using SessionApp.Sessions.Configuration;
using SessionApp.Sessions.Telemetry;
using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// Durable writes (<see cref="RedisSessionOptions.DurableWrites"/>): after a write, <c>WAIT 1 ms</c> on the primary
/// that owns each key written, over the same connection the write took, so the reply says whether a replica has
/// everything this process wrote there. <c>WAIT</c> names no key, so it is sent to the key's server
/// (<see cref="IConnectionMultiplexer.GetServer(RedisKey, object?, CommandFlags)"/>) rather than through the
/// database, which routes only by key arguments.
/// </summary>
internal sealed partial class RedisSessionStore
{
    /// <summary>Whether a write of this kind must wait for a replica under the current options.</summary>
    private bool MustConfirm(bool identity) => Options.DurableWrites switch
    {
        DurableWrites.All => true,
        DurableWrites.Identity => identity,
        _ => false,
    };

    /// <summary>
    /// Waits until a replica of each key's primary acknowledges the writes made to it, when the options ask for it
    /// for a write of this kind (<paramref name="identity"/>: sign-in, rotation or revocation). A replica that does
    /// not acknowledge in time fails the call as <see cref="SessionStoreUnavailableException"/> whose outcome is
    /// unknown: the primary has the write, and a failover may still lose it.
    /// </summary>
    public Task ConfirmAsync(string operation, bool identity, IReadOnlyCollection<RedisKey> keys, CancellationToken cancellationToken) =>
        MustConfirm(identity) && keys.Count > 0 ? WaitForReplicasAsync(operation, keys, cancellationToken) : Task.CompletedTask;

    private async Task WaitForReplicasAsync(string operation, IReadOnlyCollection<RedisKey> keys, CancellationToken cancellationToken)
    {
        var budget = Options.StoreTimeout;
        var wait = Options.EffectiveDurableWriteTimeout;
        var waitMs = Math.Max(1L, (long)wait.TotalMilliseconds);
        long[] acknowledged;
        try
        {
            var database = _connection.Database;
            var servers = keys
                .Select(key => database.Multiplexer.GetServer(key, flags: CommandFlags.DemandMaster))
                .DistinctBy(static server => server.EndPoint)
                .ToArray();
            acknowledged = await Task.WhenAll(servers.Select(server => WaitAsync(server, waitMs))).WithinAsync(budget, cancellationToken);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(operation, budget, ex, mayHaveRun: true);
        }

        if (acknowledged.Any(static count => count < 1))
        {
            Log.NotReplicated(_logger, operation, waitMs);
            SessionTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("error.type", "NotReplicated"), new KeyValuePair<string, object?>("db.operation.name", operation));
            throw new SessionStoreUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"No replica acknowledged '{operation}' within {waitMs} ms (Sessions:DurableWriteTimeout); the primary has it, but a failover may lose it."))
            {
                CommandMayHaveRun = true,
            };
        }
    }

    private static async Task<long> WaitAsync(IServer server, long waitMs) =>
        (long)await server.ExecuteAsync("WAIT", [1, waitMs], CommandFlags.DemandMaster);
}
