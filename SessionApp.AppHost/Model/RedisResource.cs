namespace SessionApp.AppHost.Model;

/// <summary>A Redis-compatible store: <c>redis-server</c> when present, otherwise an embedded Garnet server.</summary>
public sealed class RedisResource : Resource
{
    internal RedisResource(string name)
        : base(name)
    {
    }
}
