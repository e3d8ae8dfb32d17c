using StackExchange.Redis;

namespace SessionApp.ServiceDefaults.Redis;

/// <summary>Turns <see cref="SessionRedisOptions"/> into the StackExchange.Redis configuration the shared connection uses.</summary>
internal static class RedisConfiguration
{
    public static ConfigurationOptions Create(SessionRedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.ConnectionString
            ?? throw new InvalidOperationException($"{options.ConnectionStringKey} is missing."));

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
        return configuration;
    }

    private static int ToMilliseconds(TimeSpan value) => (int)Math.Ceiling(value.TotalMilliseconds);
}
