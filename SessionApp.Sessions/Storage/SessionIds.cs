using System.Buffers.Text;
using System.Security.Cryptography;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// Session ids are 256 random bits from the operating system's CSPRNG, base64url in the cookie. Redis only ever
/// sees the handle: the base64url SHA-256 of the id, so a dump of Redis yields no usable token.
/// </summary>
internal static class SessionIds
{
    public const int IdBytes = 32;
    public const int EncodedLength = 43;

    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[IdBytes];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Whether the text has the exact shape of an id this engine issues; anything else is ignored.</summary>
    public static bool IsWellFormed(string? id)
    {
        if (id is null || id.Length != EncodedLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[IdBytes];
        return Base64Url.TryDecodeFromChars(id, bytes, out var written) && written == IdBytes;
    }

    public static string ToHandle(string id)
    {
        Span<byte> bytes = stackalloc byte[IdBytes];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Base64Url.DecodeFromChars(id, bytes);
        SHA256.HashData(bytes, hash);
        return Base64Url.EncodeToString(hash);
    }

    /// <summary>A handle is the shape of a base64url SHA-256; anything else cannot name a session.</summary>
    public static bool IsWellFormedHandle(string? handle) => IsWellFormed(handle);
}
