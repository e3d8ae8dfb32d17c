using System.Diagnostics.CodeAnalysis;

namespace SessionApp.Sessions.Configuration;

/// <summary>One entry of the explicit key ring: <c>id:base64key</c>, with a 32-byte AES-256 key.</summary>
internal sealed record EncryptionKey(string Id, byte[] Key)
{
    public const int KeyBytes = 32;

    public static bool TryParse(string? text, [NotNullWhen(true)] out EncryptionKey? key, out string problem)
    {
        key = null;
        var separator = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || separator <= 0 || separator > 32)
        {
            problem = "must have the form id:base64key with an id of 1 to 32 characters.";
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text[(separator + 1)..]);
        }
        catch (FormatException)
        {
            problem = "has a key that is not valid base64.";
            return false;
        }

        if (bytes.Length != KeyBytes)
        {
            problem = $"must hold a {KeyBytes}-byte key, got {bytes.Length} bytes.";
            return false;
        }

        key = new EncryptionKey(text[..separator], bytes);
        problem = "";
        return true;
    }
}
