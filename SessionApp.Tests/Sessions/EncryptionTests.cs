using System.Net;
using System.Security.Cryptography;
using System.Text;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.Sessions;

/// <summary>Values at rest: encrypted outside Development, unreadable in Redis, and readable by every instance.</summary>
public sealed class EncryptionTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Secret = "card-4111-1111-1111-1111";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Production_ByDefault_StoresValuesEncryptedWithDataProtection()
    {
        // Arrange
        var prefix = "enc" + Guid.NewGuid().ToString("N")[..8];
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = prefix; o.UserHashKey = SessionTestApp.TestUserHashKey; }, environment: "Production");
        using var client = app.CreateClient();

        // Act
        await SessionValues.PutAsync(client, "payment", Secret);

        // Assert
        var stored = await ReadAllStoredBytesAsync(prefix);
        Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        Assert.Equal(Secret, await SessionValues.GetAsync(client, "payment"));
    }

    [Fact]
    public async Task ExplicitKeyRing_EncryptsWithAesGcm_AndAnotherInstanceWithTheRingReadsIt()
    {
        // Arrange
        var prefix = "gcm" + Guid.NewGuid().ToString("N")[..8];
        var key = "k1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var first = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = prefix; o.EncryptValues = true; o.EncryptionKeys.Add(key); });
        await using var second = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = prefix; o.EncryptValues = true; o.EncryptionKeys.Add(key); });
        var cookies = new CookieContainer();
        using var onFirst = first.CreateClient(cookies);
        using var onSecond = second.CreateClient(cookies);

        // Act
        await SessionValues.PutAsync(onFirst, "payment", Secret);

        // Assert
        var stored = await ReadAllStoredBytesAsync(prefix);
        Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        Assert.Equal(Secret, await SessionValues.GetAsync(onSecond, "payment"));
    }

    [Fact]
    public async Task Development_ByDefault_StoresValuesInTheClear()
    {
        // Arrange
        var prefix = "dev" + Guid.NewGuid().ToString("N")[..8];
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = prefix);
        using var client = app.CreateClient();

        // Act
        await SessionValues.PutAsync(client, "note", "plain words");

        // Assert
        Assert.Contains("plain words", await ReadAllStoredBytesAsync(prefix), StringComparison.Ordinal);
    }

    private async Task<string> ReadAllStoredBytesAsync(string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServers()[0];
        var text = new StringBuilder();
        await foreach (var key in server.KeysAsync(pattern: prefix + ":s:*").WithCancellation(Token))
        {
            foreach (var entry in await connection.GetDatabase().HashGetAllAsync(key))
            {
                text.Append(Encoding.Latin1.GetString((byte[])entry.Value!)).Append('|');
            }
        }

        Assert.NotEqual(0, text.Length);
        return text.ToString();
    }

}
