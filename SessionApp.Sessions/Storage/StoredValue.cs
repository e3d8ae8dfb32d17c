using System.Buffers.Binary;
using SessionApp.Sessions.Protection;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// A value as one hash field holds it: its version (8 bytes, big-endian) and then the codec's bytes (format byte
/// first, possibly compressed and encrypted). Keeping the version in the value's own field halves the fields a load reads and a
/// write sends, and a compare-and-set script reads it with the value.
/// </summary>
internal readonly record struct StoredValue(byte[] Bytes)
{
    public const int VersionBytes = sizeof(long);

    /// <summary>
    /// The value as the application sees it, once this request has decoded (or written) it; null until then. Kept
    /// beside the stored bytes, so a value is decoded at most once per request without a dictionary of its own.
    /// </summary>
    public byte[]? Decoded { get; init; }

    /// <summary>The value's version; 0 for a field too short to carry one (never written by the engine).</summary>
    public long Version => Bytes.Length >= VersionBytes ? BinaryPrimitives.ReadInt64BigEndian(Bytes) : 0;

    /// <summary>What the codec decodes: everything after the version.</summary>
    public ReadOnlySpan<byte> Encoded => Bytes.Length >= VersionBytes ? Bytes.AsSpan(VersionBytes) : [];

    /// <summary>Encodes a value and stamps it with a fresh version.</summary>
    public static StoredValue Create(SessionValueCodec codec, string name, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var bytes = codec.Encode(name, value, VersionBytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes, SessionVersions.Next());
        return new StoredValue(bytes);
    }

    /// <summary>A version as the commit script compares it: its 8 stored bytes, or nothing for "absent" (0).</summary>
    public static byte[] VersionToBytes(long version)
    {
        if (version == 0)
        {
            return [];
        }

        var bytes = new byte[VersionBytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, version);
        return bytes;
    }
}
