using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// Session ids are 256 random bits from the operating system's CSPRNG, base64url in the cookie. Redis only ever
/// sees a handle derived from the id by SHA-256, so a dump of Redis yields no usable token: finding an id for a
/// handle is a preimage search. A handle is 25 characters: the three-character tag of the hash slot that the whole
/// hash, base64url, hashes to (<see cref="RedisSlots"/>), then the first 128 bits of the hash. A preimage still costs
/// 2^128 hashes, and two of a billion live sessions share one with a chance of about 2^-69.
/// </summary>
internal static class SessionIds
{
    public const int IdBytes = 32;
    public const int EncodedLength = 43;

    /// <summary>The length of a handle: a slot tag and 16 bytes of base64url.</summary>
    public const int HandleLength = RedisSlots.TagLength + 22;

    private const int HandleBytes = 16;

    // One SHA-256 context per thread, reset after each hash: the one-shot call sets up a context every time, and
    // that set-up costs more than hashing one 32-byte id.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[IdBytes];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// Whether the text is exactly an id this engine issues: 43 base64url characters encoding 32 bytes. The last
    /// character carries two unused bits; only the canonical form (those bits zero) is accepted, so no two cookie
    /// values name the same session. Checked by hand: the framework's decoder throws on such input rather than
    /// answering false, and forged cookies must cost no exception.
    /// </summary>
    public static bool IsWellFormed(string? id)
    {
        if (id is null || id.Length != EncodedLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return (SextetOf(id[^1]) & 0b11) == 0;
    }

    /// <summary>The handle of an id: the slot tag of its whole SHA-256 (base64url), then the hash's first 128 bits, base64url.</summary>
    public static string ToHandle(string id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> whole = stackalloc byte[EncodedLength];
        Span<byte> handle = stackalloc byte[HandleLength];
        HashOf(id, hash);
        Base64Url.EncodeToUtf8(hash, whole);
        RedisSlots.TagOf(RedisSlots.SlotOf(whole)).CopyTo(handle);
        Base64Url.EncodeToUtf8(hash[..HandleBytes], handle[RedisSlots.TagLength..]);
        return Encoding.ASCII.GetString(handle);
    }

    private static void HashOf(string id, Span<byte> hash)
    {
        Span<byte> bytes = stackalloc byte[IdBytes];
        Base64Url.DecodeFromChars(id, bytes);
        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(bytes);
        sha256.GetHashAndReset(hash);
    }

    private static int SextetOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        _ => 63,
    };
}
