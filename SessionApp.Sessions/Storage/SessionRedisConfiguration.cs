using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>The connection settings the engine relies on when it opens its own connection.</summary>
internal static class SessionRedisConfiguration
{
    public static ConfigurationOptions Parse(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        options.ReconnectRetryPolicy = new LinearRetry(500);
        return options;
    }
}
