using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SessionApp.ServiceDefaults.Redis;

/// <summary>
/// Starts connecting to Redis as the host starts and waits for it at most
/// <see cref="SessionRedisOptions.InitialConnectWait"/>, so a healthy Redis is ready before the first request and a
/// Redis that is down delays start-up by that much only.
/// </summary>
internal sealed class RedisConnectionStarter : IHostedService
{
    private readonly RedisConnection _connection;
    private readonly TimeSpan _wait;

    public RedisConnectionStarter(RedisConnection connection, IOptions<SessionRedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _wait = options.Value.InitialConnectWait;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connecting = _connection.GetAsync();
        await Task.WhenAny(connecting, Task.Delay(_wait, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
