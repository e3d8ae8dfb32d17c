using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using SessionApp.Sessions.Configuration;

namespace SessionApp.Sessions.Users;

/// <summary>
/// Names per-user data in Redis without revealing the user: a keyed hash (HMAC-SHA256 under
/// <c>Sessions:UserHashKey</c>) of the user's name, so a dump of Redis shows who uses the system to no one who
/// lacks the key, and no one can compute a user's key names from the name alone. The engine names each user's
/// session index and its <c>users</c> set members with it; anything else that keeps per-user data in Redis (a
/// sign-in throttle) should name it the same way. Registered by <c>AddRedisSessions</c>.
/// </summary>
public sealed class UserKeyHasher
{
    /// <summary>
    /// The key used in the Development environment when <c>Sessions:UserHashKey</c> is not set. It is public, so it
    /// hides nothing; outside Development start-up refuses to run without a key of its own.
    /// </summary>
    internal static readonly byte[] DevelopmentKey = SHA256.HashData("SessionApp development user hash key (not a secret)"u8);

    private readonly byte[] _key;

    internal UserKeyHasher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
    }

    /// <summary>
    /// The keyed hash of <paramref name="userName"/> as text safe in a Redis key (43 characters of base64url).
    /// Exact: callers that treat names case-insensitively pass them normalised (for example lower-cased).
    /// </summary>
    public string Hash(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userName), hash);
        return Base64Url.EncodeToString(hash);
    }

    /// <summary>The hasher for the configured key, or for the development key when none is set.</summary>
    internal static UserKeyHasher FromOptions(RedisSessionOptions options) =>
        new(string.IsNullOrEmpty(options.UserHashKey) ? DevelopmentKey : Convert.FromBase64String(options.UserHashKey));
}
