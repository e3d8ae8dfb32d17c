
namespace SessionApp.AppHost.Redis;

/// <summary>Reads the <c>SessionStore</c> settings.</summary>
internal static class SessionStoreSettings
{
    public static SessionStoreChoice ParseServer(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => SessionStoreChoice.Auto,
        "redis" => SessionStoreChoice.Redis,
        "garnet" => SessionStoreChoice.Garnet,
        _ => throw new DistributedApplicationException(
            $"{RedisServerBuilderExtensions.SectionName}:Server ('{value}') must be 'auto', 'redis' or 'garnet'."),
    };
}
