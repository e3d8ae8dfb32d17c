using System.Buffers;

namespace SessionApp.Aws;

/// <summary>
/// The one source of truth for what the application's MemoryDB user may do: the keys it may touch (only those under
/// the engine's key prefix, each kind by name) and the commands it may send (only those the session engine, its Lua
/// scripts, the login throttle, the data protection key ring and StackExchange.Redis's connection handshake send).
/// No <c>+@all</c>, no categories, no <c>CONFIG</c>, <c>KEYS</c>, <c>SCAN</c>, <c>FLUSH*</c> or pub/sub.
/// The stack writes <see cref="For"/> into the MemoryDB user; the tests start redis-server with
/// <see cref="ToRedisAclRules"/> of the same string and run the engine's contract suite against it.
/// </summary>
public static class MemoryDbAccessString
{
    private static readonly SearchValues<char> PatternSpecials = SearchValues.Create("*?[]{} \\");

    /// <summary>
    /// The commands, each with the reason it is needed. Lua scripts count: Redis checks a script's
    /// <c>redis.call</c> against the caller's ACL too.
    /// </summary>
    public static IReadOnlyList<string> Commands { get; } =
    [
        // StackExchange.Redis's handshake and heartbeat: AUTH/HELLO to log in, the connection's name, the server's
        // role and version, the cluster's slot map, and the keep-alive. Not CLIENT SETINFO: Redis 7.0 and MemoryDB 7.1
        // do not know it (an ACL naming it is refused) and the client ignores its refusal.
        "auth", "hello", "client|setname", "info", "cluster|nodes", "echo", "ping",

        // The engine's Lua scripts (RedisScript: EVALSHA, falling back to EVAL; StackExchange.Redis loads a script by
        // text with SCRIPT LOAD) and what they call: TIME for the clock, the session hash and its expiry
        // (SessionScripts); INCR/PTTL/PEXPIRE for the login throttle. A key is deleted with UNLINK from the client
        // and DEL inside a script.
        "evalsha", "eval", "script|load", "time",
        "hget", "hgetall", "hmget", "hset", "hdel", "hkeys", "hstrlen", "exists", "del", "unlink", "pexpire", "pttl", "incr",

        // The user index (SessionUserIndex): a sorted set of handles per user, the set of users, their expiry; ZCARD
        // tells an emptied index, whose user then leaves the set of users.
        "zadd", "zrange", "zrem", "zscore", "zcard", "sadd", "srandmember", "srem", "expire",

        // The data protection key ring (RedisXmlRepository): a list read whole and appended to.
        "lrange", "rpush",
    ];

    /// <summary>The key patterns the user may touch, all under <paramref name="keyPrefix"/> (the engine's <c>Sessions:KeyPrefix</c>).</summary>
    /// <param name="keyPrefix">The key prefix, e.g. <c>sessionapp</c>.</param>
    /// <returns>Sessions, user indexes, the set of users, login throttle counters and the data protection key ring.</returns>
    public static IReadOnlyList<string> KeyPatterns(string keyPrefix)
    {
        ValidatePrefix(keyPrefix);
        return
        [
            $"{keyPrefix}:s:*",
            $"{keyPrefix}:u:*",
            $"{keyPrefix}:users",
            $"{keyPrefix}:throttle:*",
            DataProtectionKey(keyPrefix),
        ];
    }

    /// <summary>The Redis list of the data protection key ring, which the stack publishes as <c>DataProtection:RedisKey</c>.</summary>
    /// <param name="keyPrefix">The key prefix.</param>
    /// <returns><c>{keyPrefix}:dataprotection-keys</c>.</returns>
    public static string DataProtectionKey(string keyPrefix) => $"{keyPrefix}:dataprotection-keys";

    /// <summary>
    /// The MemoryDB access string for <paramref name="keyPrefix"/>, in MemoryDB's form (Redis ACL rules without
    /// <c>on</c> and without a password, which MemoryDB keeps apart): <c>~p:s:* … -@all +auth …</c>.
    /// </summary>
    /// <param name="keyPrefix">The key prefix, e.g. <c>sessionapp</c>.</param>
    /// <returns>The access string.</returns>
    public static string For(string keyPrefix) =>
        string.Join(' ', KeyPatterns(keyPrefix).Select(static p => "~" + p)
            .Append("-@all")
            .Concat(Commands.Select(static c => "+" + c)));

    /// <summary>
    /// The redis-server ACL rules of a user with <paramref name="accessString"/> and <paramref name="password"/>,
    /// as MemoryDB applies them: the user switched on, its password, no pub/sub channels, then the access string.
    /// </summary>
    /// <param name="accessString">A MemoryDB access string, e.g. <see cref="For"/>'s.</param>
    /// <param name="password">The user's password.</param>
    /// <returns>The rules, one per element, e.g. for <c>redis-server --user name rule rule …</c> or <c>ACL SETUSER</c>.</returns>
    public static IReadOnlyList<string> ToRedisAclRules(string accessString, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessString);
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        return ["reset", "on", ">" + password, "resetchannels", .. accessString.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static void ValidatePrefix(string keyPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);
        if (keyPrefix.AsSpan().ContainsAny(PatternSpecials))
        {
            throw new ArgumentException($"Key prefix '{keyPrefix}' holds a character that is special in an ACL key pattern or a hash tag.", nameof(keyPrefix));
        }
    }
}
