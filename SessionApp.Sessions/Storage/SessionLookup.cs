using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// What <see cref="RedisSessionStore.FindAsync"/> found for a presented id: the handle and key it names (the key
/// serves the session's commits too), and the session's record, null when the id names no live session.
/// </summary>
internal readonly record struct SessionLookup(string Handle, RedisKey Key, SessionRecord? Record);
