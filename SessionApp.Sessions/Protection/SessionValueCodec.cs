using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using SessionApp.Sessions.Configuration;
using SessionApp.Sessions.Telemetry;

namespace SessionApp.Sessions.Protection;

/// <summary>
/// Turns values into what Redis stores and back. Every stored value starts with a format byte: 0 plain,
/// 1 AES-256-GCM with the explicit key ring, 2 ASP.NET Core Data Protection; 3, 4 and 5 are the same three holding a
/// zstd-compressed body (<see cref="SessionValueCompressor"/>) instead of the value, compressed before it is
/// encrypted. A value that is not compressed (too short, or it would not shrink) is stored exactly as without
/// compression. The value's field name is bound into the ciphertext (GCM associated data), so an encrypted value
/// cannot be moved to another key unnoticed, and a compressed ciphertext cannot be passed off as an uncompressed one.
/// Reading accepts every format whatever the settings, so encryption and compression can be turned on or off, and
/// keys rotated, without losing data.
/// An encoding can leave room in front of the format byte (<c>headroom</c>) for the caller's own framing; the store
/// puts each value's version there.
/// </summary>
internal sealed class SessionValueCodec
{
    private const byte Plain = 0;
    private const byte AesGcmFormat = 1;
    private const byte DataProtectionFormat = 2;
    private const byte CompressedPlain = 3;
    private const byte CompressedAesGcmFormat = 4;
    private const byte CompressedDataProtectionFormat = 5;

    /// <summary>Ends a compressed value's GCM associated data after the field name; never a byte of UTF-8.</summary>
    private const byte CompressedMarker = 0xFF;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly bool _encrypt;
    private readonly IReadOnlyList<EncryptionKey> _keys;
    private readonly ThreadLocal<AesGcm>[] _ciphers;
    private readonly IDataProtector _protector;
    private readonly IDataProtector _compressedProtector;
    private readonly SessionValueCompressor _compressor;

    public SessionValueCodec(bool encrypt, IReadOnlyList<EncryptionKey> keys, IDataProtectionProvider dataProtection, SessionValueCompressor? compressor = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(dataProtection);
        _encrypt = encrypt;
        _keys = keys;
        _compressor = compressor ?? new SessionValueCompressor(compress: false, threshold: int.MaxValue, level: 3, writeDictionary: null, [], maxDecodedBytes: 64 * 1024);

        // An AesGcm holds its expanded key; keeping one per thread and key saves setting it up on every value.
        _ciphers = [.. keys.Select(key => new ThreadLocal<AesGcm>(() => new AesGcm(key.Key, TagBytes)))];
        _protector = dataProtection.CreateProtector("SessionApp.Sessions.Values.v1");
        _compressedProtector = dataProtection.CreateProtector("SessionApp.Sessions.Values.v1.Compressed");
    }

    public bool Encrypts => _encrypt;

    /// <summary>The stored form of a value, starting after <paramref name="headroom"/> bytes left zero for the caller.</summary>
    public byte[] Encode(string field, ReadOnlySpan<byte> value, int headroom = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(headroom);
        var body = _compressor.Compress(value);
        var compressed = body is not null;
        ReadOnlySpan<byte> input = body is not null ? body : value;
        byte[] output;
        if (!_encrypt)
        {
            output = new byte[headroom + 1 + input.Length];
            output[headroom] = compressed ? CompressedPlain : Plain;
            input.CopyTo(output.AsSpan(headroom + 1));
        }
        else
        {
            output = _keys.Count > 0 ? EncryptWithKeyRing(field, input, headroom, compressed) : EncryptWithDataProtection(field, input, headroom, compressed);
        }

        SessionTelemetry.RecordValueBytes(value.Length, output.Length - headroom, compressed);
        return output;
    }

    /// <summary>
    /// How many bytes <see cref="Encode"/> makes of a value of <paramref name="valueLength"/> bytes (headroom not
    /// counted); null when that cannot be told before encoding (Data Protection, or a value that may be compressed).
    /// </summary>
    public int? EncodedLength(int valueLength) =>
        _compressor.MayCompress(valueLength) ? null
        : !_encrypt ? 1 + valueLength
        : _keys.Count > 0 ? 2 + Encoding.ASCII.GetByteCount(_keys[0].Id) + NonceBytes + TagBytes + valueLength
        : null;

    public byte[] Decode(string field, ReadOnlySpan<byte> stored)
    {
        if (stored.Length == 0)
        {
            throw new CryptographicException($"The stored session value '{field}' is empty and carries no format byte.");
        }

        return stored[0] switch
        {
            Plain => stored[1..].ToArray(),
            AesGcmFormat => DecryptWithKeyRing(field, stored, compressed: false),
            DataProtectionFormat => DecryptWithDataProtection(field, stored, compressed: false),
            CompressedPlain => _compressor.Decompress(field, stored[1..]),
            CompressedAesGcmFormat => _compressor.Decompress(field, DecryptWithKeyRing(field, stored, compressed: true)),
            CompressedDataProtectionFormat => _compressor.Decompress(field, DecryptWithDataProtection(field, stored, compressed: true)),
            _ => throw new CryptographicException($"The stored session value '{field}' has an unknown format byte {stored[0]}."),
        };
    }

    private byte[] EncryptWithKeyRing(string field, ReadOnlySpan<byte> value, int headroom, bool compressed)
    {
        var key = _keys[0];
        var id = Encoding.ASCII.GetBytes(key.Id);
        var header = 2 + id.Length;
        var buffer = new byte[headroom + header + NonceBytes + TagBytes + value.Length];
        var output = buffer.AsSpan(headroom);
        output[0] = compressed ? CompressedAesGcmFormat : AesGcmFormat;
        output[1] = (byte)id.Length;
        id.CopyTo(output[2..]);
        var nonce = output.Slice(header, NonceBytes);
        var tag = output.Slice(header + NonceBytes, TagBytes);
        var cipher = output[(header + NonceBytes + TagBytes)..];
        RandomNumberGenerator.Fill(nonce);
        _ciphers[0].Value!.Encrypt(nonce, value, cipher, tag, AssociatedData(field, compressed, stackalloc byte[257]));
        return buffer;
    }

    private byte[] DecryptWithKeyRing(string field, ReadOnlySpan<byte> stored, bool compressed)
    {
        var idLength = stored.Length > 1 ? stored[1] : 0;
        if (stored.Length < 2 + idLength + NonceBytes + TagBytes)
        {
            throw new CryptographicException($"The stored session value '{field}' is too short for an AES-GCM value.");
        }

        var id = Encoding.ASCII.GetString(stored.Slice(2, idLength));
        var index = IndexOfKey(id);
        if (index < 0)
        {
            throw new CryptographicException($"The session value '{field}' was encrypted with key '{id}', which is not in Sessions:EncryptionKeys.");
        }

        var header = 2 + idLength;
        var plain = new byte[stored.Length - header - NonceBytes - TagBytes];
        _ciphers[index].Value!.Decrypt(
            stored.Slice(header, NonceBytes),
            stored[(header + NonceBytes + TagBytes)..],
            stored.Slice(header + NonceBytes, TagBytes),
            plain,
            AssociatedData(field, compressed, stackalloc byte[257]));
        return plain;
    }

    private int IndexOfKey(string id)
    {
        for (var i = 0; i < _keys.Count; i++)
        {
            if (_keys[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The field name as GCM associated data, followed by <see cref="CompressedMarker"/> for a compressed value, in the
    /// caller's buffer when it fits.
    /// </summary>
    private static ReadOnlySpan<byte> AssociatedData(string field, bool compressed, Span<byte> buffer)
    {
        var extra = compressed ? 1 : 0;
        if (Encoding.UTF8.GetMaxByteCount(field.Length) + extra > buffer.Length)
        {
            buffer = new byte[Encoding.UTF8.GetByteCount(field) + extra];
        }

        var length = Encoding.UTF8.GetBytes(field, buffer);
        if (compressed)
        {
            buffer[length++] = CompressedMarker;
        }

        return buffer[..length];
    }

    private byte[] EncryptWithDataProtection(string field, ReadOnlySpan<byte> value, int headroom, bool compressed)
    {
        var name = Encoding.UTF8.GetBytes(field);
        var payload = new byte[2 + name.Length + value.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)name.Length);
        name.CopyTo(payload, 2);
        value.CopyTo(payload.AsSpan(2 + name.Length));
        var protectedBytes = (compressed ? _compressedProtector : _protector).Protect(payload);
        var output = new byte[headroom + 1 + protectedBytes.Length];
        output[headroom] = compressed ? CompressedDataProtectionFormat : DataProtectionFormat;
        protectedBytes.CopyTo(output, headroom + 1);
        return output;
    }

    private byte[] DecryptWithDataProtection(string field, ReadOnlySpan<byte> stored, bool compressed)
    {
        var payload = (compressed ? _compressedProtector : _protector).Unprotect(stored[1..].ToArray());
        var nameLength = BinaryPrimitives.ReadUInt16BigEndian(payload);
        var name = Encoding.UTF8.GetString(payload, 2, nameLength);
        if (!string.Equals(name, field, StringComparison.Ordinal))
        {
            throw new CryptographicException($"The session value stored under '{field}' was encrypted for '{name}'.");
        }

        return payload[(2 + nameLength)..];
    }
}
