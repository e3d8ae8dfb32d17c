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
    /// MemoryDB's restricted commands and subcommands (its "Restricted commands" page): unavailable, and refused in an
    /// access string. Granting a whole command some of whose subcommands are restricted grants those too.
    /// </summary>
    private static readonly HashSet<string> RestrictedCommands = new(StringComparer.OrdinalIgnoreCase)
    {
        "acl|deluser", "acl|load", "acl|save", "acl|setuser", "bgrewriteaof", "bgsave", "cluster|addslot", "cluster|delslot",
        "cluster|setslot", "config", "debug", "migrate", "module", "psync", "replicaof", "save", "shutdown", "slaveof", "sync",
    };

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
    /// The MemoryDB access string for <paramref name="keyPrefix"/>, in MemoryDB's form: <c>on</c> first (MemoryDB
    /// creates a user whose string names neither <c>on</c> nor <c>off</c> switched off, and no task could sign in),
    /// the key patterns, then <c>-@all</c> and the commands. No password (MemoryDB keeps it apart) and no
    /// <c>&amp;</c> channel rule: without <c>SUBSCRIBE</c> or <c>PUBLISH</c> among the commands no channel can be used.
    /// </summary>
    /// <param name="keyPrefix">The key prefix, e.g. <c>sessionapp</c>.</param>
    /// <returns>The access string, e.g. <c>on ~p:s:* … -@all +auth …</c>.</returns>
    public static string For(string keyPrefix) =>
        string.Join(' ', ["on", .. KeyPatterns(keyPrefix).Select(static p => "~" + p), "-@all", .. Commands.Select(static c => "+" + c)]);

    /// <summary>
    /// The rules of <paramref name="accessString"/> that MemoryDB refuses, each with the reason, following MemoryDB's
    /// documented limits on access strings (Redis's ACL grammar otherwise): no password rules (<c>&gt;</c>, <c>&lt;</c>,
    /// <c>#</c>, <c>!</c>, <c>nopass</c>, <c>resetpass</c>: passwords are set through the API), no <c>reset</c>, and
    /// none of MemoryDB's restricted commands. Empty when MemoryDB would create the user.
    /// </summary>
    /// <param name="accessString">A MemoryDB access string.</param>
    /// <returns>One line per refused rule.</returns>
    public static IReadOnlyList<string> RefusedRules(string accessString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessString);
        var refused = new List<string>();
        foreach (var rule in Rules(accessString))
        {
            if (rule is "nopass" or "resetpass" || rule[0] is '>' or '<' or '#' or '!')
            {
                refused.Add($"'{Shown(rule)}': MemoryDB takes no password rule in an access string (passwords are set on the user).");
            }
            else if (rule == "reset")
            {
                refused.Add("'reset': MemoryDB refuses it (it would remove the user's passwords).");
            }
            else if (rule.Length > 1 && rule[0] == '+' && GrantsRestricted(rule[1..]) is { } restricted)
            {
                refused.Add($"'{rule}': {restricted.Replace('|', ' ').ToUpperInvariant()} is one of MemoryDB's restricted commands.");
            }
        }

        return refused;
    }

    /// <summary>
    /// Whether a user with <paramref name="accessString"/> can sign in on MemoryDB: its last <c>on</c> or <c>off</c>
    /// is <c>on</c>. A string with neither makes a user that is off.
    /// </summary>
    /// <param name="accessString">A MemoryDB access string.</param>
    /// <returns><see langword="true"/> when the user is on.</returns>
    public static bool IsOn(string accessString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessString);
        return Rules(accessString).LastOrDefault(static r => r is "on" or "off") == "on";
    }

    /// <summary>
    /// The redis-server ACL rules of a user that MemoryDB creates with <paramref name="accessString"/> and
    /// <paramref name="password"/>: a fresh user (off, no keys, no commands, no channels: Redis 7's defaults), its
    /// password, then the access string as written, so it is on only if the string says so.
    /// </summary>
    /// <param name="accessString">A MemoryDB access string, e.g. <see cref="For"/>'s.</param>
    /// <param name="password">The user's password.</param>
    /// <returns>The rules, one per element, e.g. for <c>redis-server --user name rule rule …</c> or <c>ACL SETUSER</c>.</returns>
    /// <exception cref="ArgumentException">MemoryDB would refuse the access string (<see cref="RefusedRules"/>).</exception>
    public static IReadOnlyList<string> ToRedisAclRules(string accessString, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        var refused = RefusedRules(accessString);
        if (refused.Count > 0)
        {
            throw new ArgumentException("MemoryDB would refuse this access string: " + string.Join(" ", refused), nameof(accessString));
        }

        return ["reset", ">" + password, .. Rules(accessString)];
    }

    /// <summary>The restricted command or subcommand that granting <paramref name="command"/> (<c>cmd</c> or <c>cmd|sub</c>) would grant, if any.</summary>
    private static string? GrantsRestricted(string command) =>
        RestrictedCommands.Contains(command.Split('|')[0]) ? command.Split('|')[0]
        : command.Contains('|', StringComparison.Ordinal) ? (RestrictedCommands.Contains(command) ? command : null)
        : RestrictedCommands.FirstOrDefault(r => r.StartsWith(command + "|", StringComparison.OrdinalIgnoreCase));

    private static string[] Rules(string accessString) => accessString.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A rule as it may be shown in a message: never a password it carries.</summary>
    private static string Shown(string rule) => rule[0] is '>' or '<' or '#' or '!' ? rule[0] + "…" : rule;

    private static void ValidatePrefix(string keyPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);
        if (keyPrefix.AsSpan().ContainsAny(PatternSpecials))
        {
            throw new ArgumentException($"Key prefix '{keyPrefix}' holds a character that is special in an ACL key pattern or a hash tag.", nameof(keyPrefix));
        }
    }
}
