namespace SessionApp.AppHost.Redis;

/// <summary>Which server plays the session store: <c>SessionStore:Server</c>.</summary>
internal enum SessionStoreChoice
{
    /// <summary><c>redis-server</c> when it is on PATH, otherwise embedded Garnet (the default).</summary>
    Auto,

    /// <summary><c>redis-server</c>, or start-up fails.</summary>
    Redis,

    /// <summary>Embedded Garnet.</summary>
    Garnet,
}
