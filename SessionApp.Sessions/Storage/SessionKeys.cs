using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// The Redis key layout. Every key one script touches carries its own hash tag, so the layout works unchanged
/// on Redis Cluster and Amazon MemoryDB in cluster mode:
/// <list type="bullet">
/// <item><c>{prefix}:s:{handle}</c> — a session: a hash of metadata fields (<c>_m</c>, <c>_u</c>, …) and values
/// (<c>d:name</c>, each leading with its 8-byte version).</item>
/// <item><c>{prefix}:u:{sha256(user)}</c> — a user's sessions: a sorted set of handles scored by creation time.</item>
/// <item><c>{prefix}:users</c> — the set of user ids that have bound sessions, for statistics.</item>
/// </list>
/// </summary>
internal sealed class SessionKeys(string prefix)
{
    public RedisKey Session(string handle) => $"{prefix}:s:{{{handle}}}";

    public RedisKey User(string userId) => $"{prefix}:u:{{{UserTag(userId)}}}";

    public RedisKey Users() => $"{prefix}:users";

    /// <summary>The field of a session's hash that holds the value named <paramref name="name"/>.</summary>
    public static string ValueField(string name) => "d:" + name;

    private static string UserTag(string userId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(userId), hash);
        return Base64Url.EncodeToString(hash);
    }
}
