using SessionApp.Sessions.Users;
using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// The Redis key layout. Every key one script touches carries its own hash tag, so the layout works unchanged
/// on Redis Cluster and Amazon MemoryDB in cluster mode:
/// <list type="bullet">
/// <item><c>{prefix}:s:{tag}handle</c> — a session: a hash of metadata fields (<c>_m</c>, which also holds the user
/// and client; <c>_t</c>, <c>_k</c>) and values (<c>d:name</c>, each leading with its 8-byte version). The hash tag
/// is the handle's first three characters (<see cref="SessionIds"/>).</item>
/// <item><c>{prefix}:u:{tag}</c> — a user's sessions: a sorted set of handles scored by creation time. The tag is
/// the user's keyed hash (<see cref="UserKeyHasher"/>), never the user's name.</item>
/// <item><c>{prefix}:users</c> — the tags of the users that have bound sessions, for statistics.</item>
/// </list>
/// </summary>
internal sealed class SessionKeys(string prefix, UserKeyHasher userHasher)
{
    public RedisKey Session(string handle) => SessionUnder(prefix, handle);

    /// <summary>A session's key under <paramref name="prefix"/>: <c>{prefix}:s:{tag}handle</c>, the tag being the handle's first three characters.</summary>
    public static RedisKey SessionUnder(string prefix, string handle) =>
        $"{prefix}:s:{{{handle.AsSpan(0, RedisSlots.TagLength)}}}{handle}";

    public RedisKey User(string userId) => UserIndex(UserTag(userId));

    /// <summary>A user's index by the user's tag, as the <c>users</c> set holds it.</summary>
    public RedisKey UserIndex(string userTag) => $"{prefix}:u:{{{userTag}}}";

    /// <summary>What names a user in Redis: the keyed hash of the user's id.</summary>
    public string UserTag(string userId) => userHasher.Hash(userId);

    public RedisKey Users() => $"{prefix}:users";

    /// <summary>The field of a session's hash that holds the value named <paramref name="name"/>.</summary>
    public static string ValueField(string name) => "d:" + name;
}
