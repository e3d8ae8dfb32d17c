using ZstdSharp;
using ZstdSharp.Unsafe;

namespace SessionApp.Sessions.Protection;

/// <summary>
/// zstd for stored values. A compressed body is one byte naming the dictionary (0: none, else a
/// <see cref="SessionCompressionDictionary"/> id) and then a zstd frame, which records the value's length. A value is
/// compressed only when it is at least the threshold long, no longer than the decoding bound, and comes out shorter;
/// decoding refuses a frame that would inflate past the bound before allocating anything for it.
/// </summary>
internal sealed class SessionValueCompressor : IDisposable
{
    private const string MaxValueBytesKey = "Sessions:MaxValueBytes";

    private readonly bool _compress;
    private readonly int _threshold;
    private readonly byte _writeDictionary;
    private readonly ThreadLocal<Compressor>? _compressor;
    private readonly ThreadLocal<Decompressor>?[] _decompressors = new ThreadLocal<Decompressor>?[SessionCompressionDictionary.MaxId + 1];

    public SessionValueCompressor(bool compress, int threshold, int level, int? writeDictionary, IEnumerable<SessionCompressionDictionary> dictionaries, int maxDecodedBytes)
    {
        ArgumentNullException.ThrowIfNull(dictionaries);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDecodedBytes, 1);
        MaxDecodedBytes = maxDecodedBytes;
        _decompressors[0] = new ThreadLocal<Decompressor>(static () => new Decompressor());
        byte[]? writeBytes = null;
        foreach (var dictionary in dictionaries)
        {
            if (_decompressors[dictionary.Id] is not null)
            {
                throw new InvalidOperationException($"Two session compression dictionaries have the id {dictionary.Id}.");
            }

            var bytes = dictionary.Bytes;
            _decompressors[dictionary.Id] = new ThreadLocal<Decompressor>(() =>
            {
                var decompressor = new Decompressor();
                decompressor.LoadDictionary(bytes);
                return decompressor;
            });
            if (dictionary.Id == writeDictionary)
            {
                writeBytes = bytes;
            }
        }

        if (writeDictionary is { } id && writeBytes is null)
        {
            throw new InvalidOperationException($"Sessions:CompressionDictionary names dictionary {id}, which is not registered.");
        }

        _compress = compress;
        _threshold = threshold;
        _writeDictionary = (byte)(writeDictionary ?? 0);
        if (compress)
        {
            _compressor = new ThreadLocal<Compressor>(() =>
            {
                var compressor = new Compressor(level);

                // The envelope names the dictionary; the frame need not repeat its 4-byte id.
                compressor.SetParameter(ZSTD_cParameter.ZSTD_c_dictIDFlag, 0);
                if (writeBytes is not null)
                {
                    compressor.LoadDictionary(writeBytes);
                }

                return compressor;
            });
        }
    }

    /// <summary>The longest value a compressed body may inflate to: Sessions:MaxValueBytes.</summary>
    public int MaxDecodedBytes { get; }

    /// <summary>Whether a value of this length may be compressed, so its encoded length cannot be told in advance.</summary>
    public bool MayCompress(int valueLength) => _compress && valueLength >= _threshold && valueLength <= MaxDecodedBytes;

    /// <summary>The compressed body (dictionary id, then the frame), or null when the value is not to be compressed or would not shrink.</summary>
    public byte[]? Compress(ReadOnlySpan<byte> value)
    {
        if (!MayCompress(value.Length))
        {
            return null;
        }

        var bound = 1 + Compressor.GetCompressBound(value.Length);
        var rented = bound <= 1024 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(bound);
        var scratch = rented is null ? stackalloc byte[bound] : rented.AsSpan(0, bound);
        try
        {
            scratch[0] = _writeDictionary;
            var length = 1 + _compressor!.Value!.Wrap(value, scratch[1..]);
            return length < value.Length ? scratch[..length].ToArray() : null;
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The value a compressed body holds, refusing an unknown dictionary, a corrupt frame and one that inflates past the bound.</summary>
    public byte[] Decompress(string field, ReadOnlySpan<byte> body)
    {
        if (body.Length < 2)
        {
            throw new InvalidDataException($"The stored session value '{field}' is too short for a compressed value.");
        }

        var id = body[0];
        var decompressor = _decompressors[id]
            ?? throw new InvalidDataException($"The session value '{field}' was compressed with dictionary {id}, which this application does not register (AddCompressionDictionary); keep every dictionary that stored values may name.");
        var frame = body[1..];
        try
        {
            var size = Decompressor.GetDecompressedSize(frame);
            if (size > (ulong)MaxDecodedBytes)
            {
                throw new InvalidDataException($"The compressed session value '{field}' would inflate to {size} bytes, more than {MaxValueBytesKey} ({MaxDecodedBytes}); it was refused.");
            }

            var value = new byte[(int)size];
            var written = decompressor.Value!.Unwrap(frame, value);
            return written == value.Length ? value : value[..written];
        }
        catch (ZstdException ex)
        {
            throw new InvalidDataException($"The compressed session value '{field}' could not be decompressed: {ex.Message}", ex);
        }
    }

    public void Dispose()
    {
        _compressor?.Dispose();
        foreach (var decompressor in _decompressors)
        {
            decompressor?.Dispose();
        }
    }
}
