using StackExchange.Redis;

namespace SessionApp.ServiceDefaults.Redis;

/// <summary>
/// The fail-fast budget every SessionApp service gives its one Redis connection, applied on top of the
/// connection string (which carries the endpoints, <c>ssl</c>, <c>user</c> and <c>password</c>).
/// </summary>
internal static class RedisConfiguration
{
    /// <summary>
    /// A connection string parsed with the default budget applied: for a connection made outside the container, as
    /// the engine's test host and the benchmark's servers make one, configured as every service configures its own.
    /// </summary>
    public static ConfigurationOptions Parse(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        Apply(configuration, new SessionRedisOptions());
        return configuration;
    }

    public static void Apply(ConfigurationOptions configuration, SessionRedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);

        // Start even when Redis is briefly down, and keep reconnecting in the background.
        configuration.AbortOnConnectFail = false;

        // A disconnected multiplexer fails commands at once instead of queueing them until a timeout.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;

        configuration.ConnectTimeout = ToMilliseconds(options.ConnectTimeout);
        configuration.SyncTimeout = ToMilliseconds(options.SyncTimeout);
        configuration.AsyncTimeout = ToMilliseconds(options.AsyncTimeout);
        configuration.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 500, maxDeltaBackOffMilliseconds: 5_000);
        configuration.ClientName ??= AppDomain.CurrentDomain.FriendlyName;
        options.ConfigureConnection?.Invoke(configuration);
    }

    private static int ToMilliseconds(TimeSpan value) => (int)Math.Ceiling(value.TotalMilliseconds);
}
