using System.Security.Cryptography;
using System.Text;

namespace SessionApp.Identity.Users;

/// <summary>
/// The <c>sub</c> of a user: a name-based UUID, version 5 (RFC 9562, SHA-1), of the user name in lower case within
/// <see cref="Namespace"/>. The same name gives the same id on every run and every machine, opaque like the GUIDs
/// Amazon Cognito issues, so clients key their data on <c>sub</c> and never on a name that could be reused.
/// </summary>
public static class SubjectIdentifier
{
    /// <summary>The namespace of SessionApp.Identity's user ids (a fixed random UUID).</summary>
    public static readonly Guid Namespace = new("3f6c1d2e-8a47-4b5f-9c1e-5d2a7b8e4f10");

    /// <summary>The subject id of <paramref name="userName"/>, ignoring case.</summary>
    public static string For(string userName)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        return NameBased(Namespace, userName.ToLowerInvariant()).ToString();
    }

    /// <summary>The version 5 UUID of <paramref name="name"/> (UTF-8) in <paramref name="namespaceId"/>.</summary>
    public static Guid NameBased(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var input = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));

        // RFC 9562 names SHA-1 for version 5: an identifier, not a secret.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
