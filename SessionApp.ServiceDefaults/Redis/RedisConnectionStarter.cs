using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SessionApp.ServiceDefaults.Redis;

/// <summary>
/// Connects to Redis as the host starts and waits for that first attempt to end: connected, or given up after
/// <see cref="SessionRedisOptions.ConnectTimeout"/> (the service then starts without Redis and reconnects in the
/// background). Hosted services start before Kestrel listens, and data protection reads its key ring from Redis as it
/// starts; a Redis that is merely slow to answer, as on a machine starting a whole topology or a small task doing its
/// first TLS handshake, therefore costs neither a failed key-ring read nor failed requests.
/// </summary>
internal sealed class RedisConnectionStarter : IHostedService
{
    /// <summary>Beyond the connect timeout, for the client's own set-up before it dials.</summary>
    private static readonly TimeSpan SetUpAllowance = TimeSpan.FromSeconds(1);

    private readonly RedisConnection _connection;
    private readonly TimeSpan _wait;

    public RedisConnectionStarter(RedisConnection connection, IOptions<SessionRedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _wait = options.Value.ConnectTimeout + SetUpAllowance;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Whatever the attempt's outcome, the service starts: a failure is logged and the health check reports it.
        var connecting = _connection.GetAsync();
        await Task.WhenAny(connecting, Task.Delay(_wait, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
