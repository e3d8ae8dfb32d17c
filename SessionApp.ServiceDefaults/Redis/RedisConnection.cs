using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SessionApp.ServiceDefaults.Redis;

/// <summary>
/// Gives non-blocking access to the one shared multiplexer that Aspire's <c>AddRedisClient</c> registers. That
/// registration connects synchronously on first use (up to the connect timeout when Redis is down), so the first
/// resolution runs on the thread pool, once: callers that must not wait (the health check, the data protection key
/// ring) use <see cref="TryGet"/>, and start-up waits for <see cref="GetAsync"/> a bounded time.
/// </summary>
internal sealed class RedisConnection
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connect;

    public RedisConnection(IServiceProvider services, ILogger<RedisConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(logger);
        _connect = new(() => Task.Run(() => Connect(services, logger)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Starts connecting if nobody has yet, and completes when the first connect attempt is over.</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _connect.Value;

    /// <summary>The multiplexer if it exists already; otherwise starts connecting and returns null at once.</summary>
    public IConnectionMultiplexer? TryGet()
    {
        var connecting = _connect.Value;
        return connecting.IsCompletedSuccessfully ? connecting.Result : null;
    }

    private static IConnectionMultiplexer Connect(IServiceProvider services, ILogger logger)
    {
        var connection = services.GetRequiredService<IConnectionMultiplexer>();
        var endpoints = string.Join(",", connection.GetEndPoints().Select(EndPointCollection.ToString));
        connection.ConnectionFailed += (_, e) => Log.ConnectionFailed(logger, e.EndPoint, e.FailureType, e.Exception);
        connection.ConnectionRestored += (_, e) => Log.ConnectionRestored(logger, e.EndPoint);
        if (connection.IsConnected)
        {
            Log.Connected(logger, endpoints);
        }
        else
        {
            Log.NotConnectedYet(logger, endpoints);
        }

        return connection;
    }
}
