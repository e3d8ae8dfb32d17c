using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>Configuration for a test app: the Redis connection string as the AppHost injects it, plus extras.</summary>
internal static class Settings
{
    public static Dictionary<string, string?> For(RedisServerProcess redis, params (string Key, string? Value)[] extra) =>
        For(redis.ConnectionString, extra);

    public static Dictionary<string, string?> For(string? connectionString, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:sessions"] = connectionString,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
