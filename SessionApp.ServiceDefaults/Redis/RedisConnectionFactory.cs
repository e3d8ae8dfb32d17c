using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SessionApp.ServiceDefaults.Redis;

/// <summary>
/// Creates the one shared multiplexer, on first use. With <c>AbortOnConnectFail=false</c> creating it never throws
/// because Redis is down: it waits at most one connect timeout, then keeps reconnecting in the background.
/// </summary>
internal static class RedisConnectionFactory
{
    public static IConnectionMultiplexer Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SessionRedisOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SessionApp.ServiceDefaults.Redis");
        var configuration = RedisConfiguration.Create(options);

        var endpoints = string.Join(",", configuration.EndPoints.Select(EndPointCollection.ToString));
        Log.Connecting(logger, endpoints, configuration.Ssl, configuration.User is not null);

        var connection = ConnectionMultiplexer.Connect(configuration);
        connection.ConnectionFailed += (_, e) => Log.ConnectionFailed(logger, e.EndPoint, e.FailureType, e.Exception);
        connection.ConnectionRestored += (_, e) => Log.ConnectionRestored(logger, e.EndPoint);
        return connection;
    }
}
