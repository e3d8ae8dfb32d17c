using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using SessionApp.Benchmarks.Compression;
using SessionApp.Sessions.Configuration;
using SessionApp.Sessions.Protection;
using ZstdSharp;

namespace SessionApp.Tests.Sessions;

/// <summary>The value codec's compressed formats on their own: what it refuses, and the message it refuses with.</summary>
public sealed class SessionValueCodecTests
{
    private static readonly byte[] Json = SessionPayloads.Create(3);

    [Fact]
    public void Decode_AValueNamingAnUnregisteredDictionary_FailsNamingTheDictionary()
    {
        // Arrange
        var writer = Codec(compress: true, dictionary: 42, dictionaries: [new SessionCompressionDictionary(42, SessionPayloads.Create(4))]);
        var reader = Codec(compress: true);
        var stored = writer.Encode("cart", Json);

        // Act
        var error = Assert.Throws<InvalidDataException>(() => reader.Decode("cart", stored));

        // Assert
        Assert.Contains("dictionary 42", error.Message, StringComparison.Ordinal);
        Assert.Contains("'cart'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AnUnknownFormatByte_FailsNamingTheByte()
    {
        // Act
        var error = Assert.Throws<CryptographicException>(() => Codec(compress: true).Decode("cart", [9, 1, 2, 3]));

        // Assert
        Assert.Contains("unknown format byte 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AFrameThatWouldInflatePastMaxValueBytes_IsRefused()
    {
        // Arrange: 16 MB of zeros in a frame of a few hundred bytes.
        using var compressor = new Compressor(3);
        var bomb = compressor.Wrap(new byte[16 * 1024 * 1024]).ToArray();
        byte[] stored = [3, 0, .. bomb];

        // Act
        var error = Assert.Throws<InvalidDataException>(() => Codec(compress: true, maxValueBytes: 64 * 1024).Decode("cart", stored));

        // Assert
        Assert.True(bomb.Length < 4096, $"the frame is {bomb.Length} bytes");
        Assert.Contains("Sessions:MaxValueBytes (65536)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AValueLongerThanTheReadersMaxValueBytes_IsRefused()
    {
        // Arrange
        var stored = Codec(compress: true).Encode("cart", Json);

        // Act
        var error = Assert.Throws<InvalidDataException>(() => Codec(compress: true, maxValueBytes: 100).Decode("cart", stored));

        // Assert
        Assert.Contains("Sessions:MaxValueBytes (100)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ACorruptFrame_FailsWithAClearError()
    {
        // Arrange
        var stored = Codec(compress: true).Encode("cart", Json);
        stored[^5] ^= 0xFF;
        stored[^20] ^= 0xFF;

        // Act
        var error = Record.Exception(() => Codec(compress: true).Decode("cart", stored));

        // Assert
        var invalid = Assert.IsType<InvalidDataException>(error);
        Assert.Contains("'cart' could not be decompressed", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ACompressedCiphertextRelabelledAsUncompressed_FailsAuthentication()
    {
        // Arrange
        var key = EncryptionKey.TryParse("k1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), out var parsed, out _) ? parsed! : throw new InvalidOperationException();
        var codec = Codec(compress: true, keys: [key]);
        var stored = codec.Encode("cart", Json);
        Assert.Equal(4, stored[0]);
        stored[0] = 1;

        // Act, Assert
        Assert.ThrowsAny<CryptographicException>(() => codec.Decode("cart", stored));
    }

    [Fact]
    public void Encode_AValueLongerThanMaxValueBytes_IsNotCompressed_SoItStaysReadable()
    {
        // Arrange
        var codec = Codec(compress: true, maxValueBytes: 100);

        // Act
        var stored = codec.Encode("ticket", Json);

        // Assert
        Assert.Equal(0, stored[0]);
        Assert.Equal(Json, codec.Decode("ticket", stored));
    }

    private static SessionValueCodec Codec(bool compress, int? dictionary = null, SessionCompressionDictionary[]? dictionaries = null, int maxValueBytes = 64 * 1024, EncryptionKey[]? keys = null) =>
        new(keys is not null, keys ?? [], new EphemeralDataProtectionProvider(), new SessionValueCompressor(compress, 128, 3, dictionary, dictionaries ?? [], maxValueBytes));
}
