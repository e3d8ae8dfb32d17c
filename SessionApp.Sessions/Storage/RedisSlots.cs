namespace SessionApp.Sessions.Storage;

/// <summary>
/// Redis Cluster's hash slots: CRC16 (XMODEM) of a key's hash tag, modulo 16,384, and for every slot a three-character
/// base64url tag that hashes to it. A session's handle starts with the tag of the slot its id's whole SHA-256
/// (base64url) hashes to (<see cref="SessionIds"/>).
/// </summary>
internal static class RedisSlots
{
    public const int SlotCount = 16_384;

    public const int TagLength = 3;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>
    /// The CRC of each byte value alone, shifted into the high byte: the bitwise algorithm, run once per value.
    /// Declared before <see cref="Tags"/>, whose initializer uses it (static fields initialize in order).
    /// </summary>
    private static readonly ushort[] Crc16Table = BuildCrc16Table();

    /// <summary>Every slot's tag, <see cref="TagLength"/> ASCII bytes each; the first in alphabet order that hashes to it.</summary>
    private static readonly byte[] Tags = BuildTags();

    /// <summary>The slot of a hash tag (or of a whole key without one).</summary>
    public static int SlotOf(ReadOnlySpan<byte> tag) => Crc16(tag) & (SlotCount - 1);

    /// <summary>A three-character base64url tag whose slot is <paramref name="slot"/>.</summary>
    public static ReadOnlySpan<byte> TagOf(int slot) => Tags.AsSpan(slot * TagLength, TagLength);

    /// <summary>CRC16 (XMODEM: polynomial 0x1021, initial 0) a byte at a time; every request hashes its id's 43-byte SHA-256.</summary>
    private static int Crc16(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<ushort> table = Crc16Table;
        var crc = 0;
        foreach (var b in data)
        {
            crc = ((crc << 8) ^ table[((crc >> 8) ^ b) & 0xFF]) & 0xFFFF;
        }

        return crc;
    }

    private static ushort[] BuildCrc16Table()
    {
        var table = new ushort[256];
        for (var value = 0; value < 256; value++)
        {
            var crc = value << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }

            table[value] = (ushort)crc;
        }

        return table;
    }

    private static byte[] BuildTags()
    {
        var tags = new byte[SlotCount * TagLength];
        var found = new bool[SlotCount];
        var left = SlotCount;
        Span<byte> candidate = stackalloc byte[TagLength];
        for (var i = 0; i < Alphabet.Length * Alphabet.Length * Alphabet.Length && left > 0; i++)
        {
            candidate[0] = (byte)Alphabet[i / (Alphabet.Length * Alphabet.Length)];
            candidate[1] = (byte)Alphabet[i / Alphabet.Length % Alphabet.Length];
            candidate[2] = (byte)Alphabet[i % Alphabet.Length];
            var slot = SlotOf(candidate);
            if (!found[slot])
            {
                found[slot] = true;
                candidate.CopyTo(tags.AsSpan(slot * TagLength));
                left--;
            }
        }

        // Three base64url characters reach every slot (checked by RedisSlotsTests); a gap would be a bug here.
        return left == 0 ? tags : throw new InvalidOperationException($"{left} hash slots have no three-character tag.");
    }
}
