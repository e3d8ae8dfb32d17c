using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>How the store reads a failed call to Redis: whether Redis was unreachable, and whether the command may still have run.</summary>
internal static class RedisFailures
{
    /// <summary>
    /// Whether a command that failed this way after it was handed to the connection may still run in Redis: a
    /// timeout or a dropped connection may come after the command left, while an error Redis answered, a
    /// connection that was never there (fail fast) or a disposed one mean it never ran.
    /// </summary>
    public static bool MayHaveRun(Exception ex) => ex switch
    {
        RedisServerException or ObjectDisposedException => false,
        RedisConnectionException connection => connection.FailureType != ConnectionFailureType.UnableToResolvePhysicalConnection,
        _ => true,
    };

    /// <summary>Whether a failure means Redis could not be reached (or not serve) in time, rather than a fault of the engine.</summary>
    public static bool IsUnavailable(Exception ex) => ex switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("READONLY", StringComparison.Ordinal),
        ObjectDisposedException => true,
        _ => false,
    };
}
