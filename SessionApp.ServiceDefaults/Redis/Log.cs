using System.Net;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SessionApp.ServiceDefaults.Redis;

/// <summary>Log messages of the shared Redis connection. Endpoints only: never the connection string, which can hold a password.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "RedisConnected", Level = LogLevel.Information,
        Message = "Connected to Redis at {Endpoints}.")]
    public static partial void Connected(ILogger logger, string endpoints);

    [LoggerMessage(EventId = 2, EventName = "RedisConnectionFailed", Level = LogLevel.Warning,
        Message = "Redis connection to {EndPoint} failed ({FailureType}); commands fail fast until it comes back.")]
    private static partial void ConnectionFailed(ILogger logger, string endPoint, ConnectionFailureType failureType, Exception? exception);

    [LoggerMessage(EventId = 3, EventName = "RedisConnectionRestored", Level = LogLevel.Information,
        Message = "Redis connection to {EndPoint} restored.")]
    private static partial void ConnectionRestored(ILogger logger, string endPoint);

    [LoggerMessage(EventId = 4, EventName = "RedisNotConnectedYet", Level = LogLevel.Warning,
        Message = "Redis at {Endpoints} is not reachable yet; the service runs and reconnects in the background.")]
    public static partial void NotConnectedYet(ILogger logger, string endpoints);

    public static void ConnectionFailed(ILogger logger, EndPoint? endPoint, ConnectionFailureType failureType, Exception? exception)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            var described = Describe(endPoint);
            ConnectionFailed(logger, described, failureType, exception);
        }
    }

    public static void ConnectionRestored(ILogger logger, EndPoint? endPoint)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var described = Describe(endPoint);
            ConnectionRestored(logger, described);
        }
    }

    private static string Describe(EndPoint? endPoint) => endPoint is null ? "(unknown)" : EndPointCollection.ToString(endPoint);
}
