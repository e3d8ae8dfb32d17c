using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SessionApp.Benchmarks.Compression;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Telemetry;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// Values stored zstd-compressed (before encryption) in real Redis: read back by every instance, whatever its own
/// settings; stored exactly as before when they would not shrink; measured as raw and stored bytes.
/// </summary>
public sealed class CompressionTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const byte Plain = 0;
    private const byte CompressedPlain = 3;
    private const byte CompressedAesGcm = 4;
    private const byte CompressedDataProtection = 5;

    private static readonly string Json = Encoding.UTF8.GetString(SessionPayloads.Create(1));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JsonValue_IsStoredCompressed_AndReadsBack()
    {
        // Arrange
        var prefix = NewPrefix("zp");
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = prefix);
        using var client = app.CreateClient();

        // Act
        await SessionValues.PutAsync(client, "cart", Json);

        // Assert
        var stored = Assert.Single(await StoredValuesAsync(prefix));
        Assert.Equal(CompressedPlain, stored[StoredValue.VersionBytes]);
        Assert.True(stored.Length < Encoding.UTF8.GetByteCount(Json) * 0.7, $"stored {stored.Length} bytes of {Encoding.UTF8.GetByteCount(Json)}");
        Assert.Equal(Json, await SessionValues.GetAsync(client, "cart"));
    }

    [Fact]
    public async Task EncryptedWithAKeyRing_IsCompressedFirst_AndAnotherInstanceReadsIt()
    {
        // Arrange
        var prefix = NewPrefix("zg");
        var key = "k1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var writer = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = prefix; o.EncryptValues = true; o.EncryptionKeys.Add(key); });
        await using var reader = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = prefix; o.EncryptValues = true; o.EncryptionKeys.Add(key); o.CompressValues = false; });
        var cookies = new CookieContainer();
        using var onWriter = writer.CreateClient(cookies);
        using var onReader = reader.CreateClient(cookies);

        // Act
        await SessionValues.PutAsync(onWriter, "cart", Json);

        // Assert
        var stored = Assert.Single(await StoredValuesAsync(prefix));
        Assert.Equal(CompressedAesGcm, stored[StoredValue.VersionBytes]);
        Assert.True(stored.Length < Encoding.UTF8.GetByteCount(Json) * 0.7, $"stored {stored.Length} bytes");
        Assert.DoesNotContain("\"cart\"", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        Assert.Equal(Json, await SessionValues.GetAsync(onReader, "cart"));
    }

    [Fact]
    public async Task EncryptedWithDataProtection_IsCompressedFirst_AndReadsBack()
    {
        // Arrange
        var prefix = NewPrefix("zd");
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = prefix; o.UserHashKey = SessionTestApp.TestUserHashKey; }, environment: "Production");
        using var client = app.CreateClient();

        // Act
        await SessionValues.PutAsync(client, "cart", Json);

        // Assert
        var stored = Assert.Single(await StoredValuesAsync(prefix));
        Assert.Equal(CompressedDataProtection, stored[StoredValue.VersionBytes]);
        Assert.Equal(Json, await SessionValues.GetAsync(client, "cart"));
    }

    [Fact]
    public async Task ReaderWithCompressionOff_ReadsCompressedValues_AndWritesPlainOnes()
    {
        // Arrange
        var prefix = NewPrefix("zr");
        await using var writer = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = prefix);
        await using var reader = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = prefix; o.CompressValues = false; });
        var cookies = new CookieContainer();
        using var onWriter = writer.CreateClient(cookies);
        using var onReader = reader.CreateClient(cookies);
        await SessionValues.PutAsync(onWriter, "cart", Json);

        // Act
        var read = await SessionValues.GetAsync(onReader, "cart");
        await SessionValues.PutAsync(onReader, "cart", Json + " ");

        // Assert
        Assert.Equal(Json, read);
        Assert.Equal(Plain, Assert.Single(await StoredValuesAsync(prefix))[StoredValue.VersionBytes]);
        Assert.Equal(Json + " ", await SessionValues.GetAsync(onWriter, "cart"));
    }

    [Fact]
    public async Task IncompressibleValue_IsStoredByteForByteAsWithoutCompression()
    {
        // Arrange
        var value = RandomNumberGenerator.GetBytes(1000);
        var withPrefix = NewPrefix("zi");
        var withoutPrefix = NewPrefix("zo");
        await using var with = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = withPrefix);
        await using var without = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = withoutPrefix; o.CompressValues = false; });
        using var onWith = with.CreateClient();
        using var onWithout = without.CreateClient();

        // Act
        (await onWith.PutAsync("/bytes/v", new ByteArrayContent(value), Token)).EnsureSuccessStatusCode();
        (await onWithout.PutAsync("/bytes/v", new ByteArrayContent(value), Token)).EnsureSuccessStatusCode();

        // Assert: everything after the version (which differs in every write) is the same, format byte 0 and the value.
        var compressedRun = Assert.Single(await StoredValuesAsync(withPrefix));
        var plainRun = Assert.Single(await StoredValuesAsync(withoutPrefix));
        Assert.Equal(plainRun.AsSpan(StoredValue.VersionBytes).ToArray(), compressedRun.AsSpan(StoredValue.VersionBytes).ToArray());
        Assert.Equal([Plain, .. value], compressedRun.AsSpan(StoredValue.VersionBytes).ToArray());
    }

    [Fact]
    public async Task ValueUnderTheThreshold_IsStoredAsWithoutCompression()
    {
        // Arrange
        var prefix = NewPrefix("zt");
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = prefix; o.CompressionThreshold = 4096; });
        using var client = app.CreateClient();

        // Act
        await SessionValues.PutAsync(client, "cart", Json);

        // Assert
        var stored = Assert.Single(await StoredValuesAsync(prefix));
        Assert.Equal([Plain, .. Encoding.UTF8.GetBytes(Json)], stored.AsSpan(StoredValue.VersionBytes).ToArray());
    }

    [Fact]
    public async Task Dictionary_ShrinksValuesFurther_AndAnInstanceThatRegistersItButWritesWithoutReadsThem()
    {
        // Arrange
        var dictionary = SessionPayloads.Create(2);
        var plainPrefix = NewPrefix("zn");
        var dictionaryPrefix = NewPrefix("zy");
        await using var withoutDictionary = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = plainPrefix);
        await using var writer = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = dictionaryPrefix; o.CompressionDictionary = 7; }, sessions: s => s.AddCompressionDictionary(7, dictionary));
        await using var reader = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = dictionaryPrefix, sessions: s => s.AddCompressionDictionary(7, dictionary));
        var cookies = new CookieContainer();
        using var onWriter = writer.CreateClient(cookies);
        using var onReader = reader.CreateClient(cookies);
        using var onPlain = withoutDictionary.CreateClient();

        // Act
        await SessionValues.PutAsync(onPlain, "cart", Json);
        await SessionValues.PutAsync(onWriter, "cart", Json);

        // Assert
        var plain = Assert.Single(await StoredValuesAsync(plainPrefix));
        var withDictionary = Assert.Single(await StoredValuesAsync(dictionaryPrefix));
        Assert.Equal(CompressedPlain, withDictionary[StoredValue.VersionBytes]);
        Assert.Equal(7, withDictionary[StoredValue.VersionBytes + 1]);
        Assert.True(withDictionary.Length < plain.Length, $"{withDictionary.Length} bytes with the dictionary, {plain.Length} without");
        Assert.Equal(Json, await SessionValues.GetAsync(onReader, "cart"));
    }

    [Fact]
    public async Task ReaderWithoutTheDictionary_FailsTheRequest_RatherThanShowAnEmptySession()
    {
        // Arrange
        var prefix = NewPrefix("zu");
        await using var writer = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = prefix; o.CompressionDictionary = 9; }, sessions: s => s.AddCompressionDictionary(9, SessionPayloads.Create(2)));
        await using var reader = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = prefix);
        var cookies = new CookieContainer();
        using var onWriter = writer.CreateClient(cookies);
        using var onReader = reader.CreateClient(cookies);
        await SessionValues.PutAsync(onWriter, "cart", Json);

        // Act
        using var response = await onReader.GetAsync("/values/cart", Token);

        // Assert
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(Json, await SessionValues.GetAsync(onWriter, "cart"));
    }

    [Fact]
    public async Task Writes_RecordRawAndStoredBytes_ByCompression()
    {
        // Arrange
        var prefix = NewPrefix("zm");
        var recorded = new ConcurrentBag<(string Instrument, long Bytes, string? Compression)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SessionTelemetry.Name && instrument.Name.StartsWith("sessionapp.sessions.value.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? compression = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "sessionapp.sessions.value.compression")
                {
                    compression = tag.Value as string;
                }
            }

            recorded.Add((instrument.Name, value, compression));
        });
        listener.Start();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = prefix);
        using var client = app.CreateClient();
        var rawLength = Encoding.UTF8.GetByteCount(Json);

        // Act
        await SessionValues.PutAsync(client, "cart", Json);
        await SessionValues.PutAsync(client, "short", "hi");

        // Assert
        var mine = recorded.ToArray();
        Assert.Contains(("sessionapp.sessions.value.raw_bytes", (long)rawLength, "zstd"), mine);
        Assert.Contains(mine, m => m.Instrument == "sessionapp.sessions.value.stored_bytes" && m.Compression == "zstd" && m.Bytes < rawLength);
        Assert.Contains(("sessionapp.sessions.value.raw_bytes", 2L, "none"), mine);
        Assert.Contains(("sessionapp.sessions.value.stored_bytes", 3L, "none"), mine);
    }

    [Fact]
    public async Task StartUp_WithWrongCompressionSettings_FailsNamingEachKey()
    {
        // Act
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => SessionTestApp.StartAsync(redis.ConnectionString, o =>
        {
            o.CompressionLevel = 23;
            o.CompressionThreshold = 0;
            o.CompressionDictionary = 5;
        }));

        // Assert
        Assert.Contains("Sessions:CompressionLevel", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sessions:CompressionThreshold", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sessions:CompressionDictionary names dictionary 5", error.Message, StringComparison.Ordinal);
    }

    private static string NewPrefix(string start) => start + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Every data field's stored bytes (version, format byte, body) under <paramref name="prefix"/>.</summary>
    private async Task<List<byte[]>> StoredValuesAsync(string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServers()[0];
        var values = new List<byte[]>();
        await foreach (var key in server.KeysAsync(pattern: prefix + ":s:*").WithCancellation(Token))
        {
            foreach (var entry in await connection.GetDatabase().HashGetAllAsync(key))
            {
                if (((string)entry.Name!).StartsWith("d:", StringComparison.Ordinal))
                {
                    values.Add((byte[])entry.Value!);
                }
            }
        }

        return values;
    }
}
