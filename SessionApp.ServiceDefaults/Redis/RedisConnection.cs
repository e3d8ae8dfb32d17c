using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SessionApp.ServiceDefaults.Redis;

/// <summary>
/// Owns the one shared multiplexer and creates it asynchronously, once. With <c>AbortOnConnectFail=false</c> the
/// creation never fails because Redis is down: it gives up waiting after the connect timeout and keeps reconnecting
/// in the background. Callers that must not wait (the health check, the data protection key ring) use
/// <see cref="TryGet"/>; the <see cref="IConnectionMultiplexer"/> service waits for <see cref="GetAsync"/>.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connect;

    public RedisConnection(IOptions<SessionRedisOptions> options, ILogger<RedisConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _connect = new(() => ConnectAsync(options.Value, logger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Starts connecting if nobody has yet, and completes when the first connect attempt is over.</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _connect.Value;

    /// <summary>The multiplexer if it exists already; otherwise starts connecting and returns null at once.</summary>
    public IConnectionMultiplexer? TryGet()
    {
        var connecting = _connect.Value;
        return connecting.IsCompletedSuccessfully ? connecting.Result : null;
    }

    public ValueTask DisposeAsync()
    {
        if (!_connect.IsValueCreated)
        {
            return ValueTask.CompletedTask;
        }

        var connecting = _connect.Value;
        if (connecting.IsCompletedSuccessfully)
        {
            return connecting.Result.DisposeAsync();
        }

        // Shutting down while the first attempt is still under way: do not wait for it, close it when it ends.
        _ = connecting.ContinueWith(
            static task => task.Result.Dispose(),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
        return ValueTask.CompletedTask;
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(SessionRedisOptions options, ILogger logger)
    {
        var configuration = RedisConfiguration.Create(options);
        var endpoints = string.Join(",", configuration.EndPoints.Select(EndPointCollection.ToString));
        Log.Connecting(logger, endpoints, configuration.Ssl, configuration.User is not null);

        var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        connection.ConnectionFailed += (_, e) => Log.ConnectionFailed(logger, e.EndPoint, e.FailureType, e.Exception);
        connection.ConnectionRestored += (_, e) => Log.ConnectionRestored(logger, e.EndPoint);
        if (!connection.IsConnected)
        {
            Log.NotConnectedYet(logger, endpoints);
        }

        return connection;
    }
}
