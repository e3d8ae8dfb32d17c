using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// What Redis keeps per user: key names that do not reveal the user (a keyed hash under Sessions:UserHashKey, not
/// a plain hash anyone can compute from a name), and a <c>users</c> set that forgets users whose sessions are gone.
/// </summary>
public sealed class UserKeyTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BindingAUser_NamesTheUserNowhereInKeysOrTheUsersSet_NorByItsPlainHash()
    {
        // Arrange
        var prefix = NewPrefix();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = prefix);
        using var client = app.CreateClient();
        var user = "user-" + Guid.NewGuid().ToString("N");

        // Act
        (await client.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode();

        // Assert
        await using var connection = await ConnectAsync();
        var keys = await KeysAsync(connection, prefix);
        var members = (await connection.GetDatabase().SetMembersAsync($"{prefix}:users")).Select(static m => (string)m!).ToList();
        var plainHashes = PlainHashes(user);
        Assert.Contains(keys, static k => k.Contains(":u:", StringComparison.Ordinal));
        Assert.Single(members);
        Assert.All(keys.Concat(members), text =>
        {
            Assert.DoesNotContain(user, text, StringComparison.OrdinalIgnoreCase);
            Assert.All(plainHashes, hash => Assert.DoesNotContain(hash, text, StringComparison.OrdinalIgnoreCase));
        });
    }

    [Fact]
    public async Task TheUserIndex_IsNamedByTheConfiguredKey()
    {
        // Arrange
        var prefix = NewPrefix();
        var key = RandomNumberGenerator.GetBytes(32);
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => { o.KeyPrefix = prefix; o.UserHashKey = Convert.ToBase64String(key); });
        using var client = app.CreateClient();
        var user = "user-" + Guid.NewGuid().ToString("N");

        // Act
        (await client.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode();

        // Assert
        await using var connection = await ConnectAsync();
        var tag = Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(user)));
        Assert.Equal(1, await connection.GetDatabase().SortedSetLengthAsync($"{prefix}:u:{{{tag}}}"));
    }

    [Fact]
    public async Task RevokingAUsersLastSessions_TakesTheUserOutOfTheUsersSet_WhichExpiresOnItsOwn()
    {
        // Arrange
        var prefix = NewPrefix();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = prefix);
        using var laptop = app.CreateClient();
        using var phone = app.CreateClient();
        using var admin = app.CreateClient();
        var (user, other) = ("user-" + Guid.NewGuid().ToString("N"), "user-" + Guid.NewGuid().ToString("N"));
        (await laptop.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode();
        (await phone.PostAsync($"/bind/{other}", null, Token)).EnsureSuccessStatusCode();
        await using var connection = await ConnectAsync();
        var database = connection.GetDatabase();
        var listedBefore = await database.SetLengthAsync($"{prefix}:users");

        // Act
        (await admin.PostAsync($"/users/{user}/revoke-all", null, Token)).EnsureSuccessStatusCode();

        // Assert
        Assert.Equal(2, listedBefore);
        Assert.Equal(1, await database.SetLengthAsync($"{prefix}:users"));
        var ttl = await database.KeyTimeToLiveAsync($"{prefix}:users");
        Assert.NotNull(ttl);
        Assert.True(ttl > TimeSpan.Zero);
    }

    private static string NewPrefix() => "uk" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The unsalted SHA-256 of a name, in the encodings a key might use: anyone holding a list of names could match them.</summary>
    private static string[] PlainHashes(string user)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(user));
        var lower = SHA256.HashData(Encoding.UTF8.GetBytes(user.ToLowerInvariant()));
        return [Base64Url.EncodeToString(hash), Convert.ToHexString(hash), Base64Url.EncodeToString(lower), Convert.ToHexString(lower)];
    }

    private Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(Timeout, Token);

    private static async Task<List<string>> KeysAsync(ConnectionMultiplexer connection, string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in connection.GetServer(connection.GetEndPoints()[0]).KeysAsync(pattern: prefix + ":*"))
        {
            keys.Add(key!);
        }

        return keys;
    }
}
