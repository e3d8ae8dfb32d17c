namespace SessionApp.AppHost.CommandLine;

/// <summary>Which server plays the Redis resource.</summary>
public enum StoreKind
{
    /// <summary><c>redis-server</c> when it is on PATH, otherwise embedded Garnet.</summary>
    Auto,

    /// <summary><c>redis-server</c> from PATH, with its data under <c>.apphost/redis/</c> and append-only persistence.</summary>
    Redis,

    /// <summary>An embedded Microsoft Garnet server with Lua enabled; nothing to install, data kept in memory only.</summary>
    Garnet,
}
