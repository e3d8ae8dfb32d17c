using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.Sessions.Configuration;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Users;
using StackExchange.Redis;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// The storage layouts: the compact one new sessions take, and the legacy one of earlier versions, which is read
/// and kept so that an upgrade ends no session and a rolling restart can run old and new instances side by side.
/// </summary>
public abstract partial class SessionContractTests
{
    [Fact]
    public async Task ABoundSession_IsStoredCompactly_UnderA25CharacterHandle_OnItsLegacyKeysSlot_WithItsUserAndClientInOneField()
    {
        // Arrange
        await using var app = await StartAppAsync();
        var user = NewUser();
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Laptop/1.0");

        // Act
        var handle = await (await client.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Token);
        await PutAsync(client, "k", "v");
        var sessions = await client.GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token);

        // Assert
        var id = cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value;
        Assert.Equal(SessionIds.ToHandle(id), handle);
        Assert.Equal(25, handle.Length);
        await using var redis = await ConnectRedisAsync();
        Assert.Equal(redis.HashSlot(SessionKey(SessionIds.ToLegacyHandle(id))), redis.HashSlot(SessionKey(handle)));
        var fields = await redis.GetDatabase().HashGetAllAsync(SessionKey(handle));
        Assert.Equal(["_m", "d:k"], fields.Select(static field => (string)field.Name!).Order());
        Assert.True(SessionRecord.TryParseMetadataField((byte[])fields.Single(static field => field.Name == "_m").Value!, out _, out var owner));
        Assert.Equal((user, "127.0.0.1\nLaptop/1.0"), owner);
        var listed = Assert.Single(sessions!);
        Assert.Equal((handle, "127.0.0.1", "Laptop/1.0"), (listed.Handle, listed.IpAddress, listed.UserAgent));
    }

    [Fact]
    public async Task ASessionAnEarlierVersionStored_IsRead_Written_Listed_AndRevoked_InItsOwnLayout()
    {
        // Arrange: a bound session exactly as the earlier version's scripts left it (43-character handle, _u and _w)
        await using var app = await StartAppAsync();
        var user = NewUser();
        var (id, legacyHandle) = await StoreLegacySessionAsync(app, user, "k", "from before the upgrade");
        using var client = app.CreateClient(WithSessionCookie(app.Address, id));

        // Act
        var before = await GetAsync(client, "k");
        await PutAsync(client, "k", "after the upgrade");
        var after = await GetAsync(client, "k");
        var sessions = await client.GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token);
        await using var redis = await ConnectRedisAsync();
        var fields = await redis.GetDatabase().HashGetAllAsync(SessionKey(legacyHandle));
        using var revoked = await client.DeleteAsync($"/users/{user}/sessions/{legacyHandle}", Token);
        using var reader = app.CreateClient(WithSessionCookie(app.Address, id));

        // Assert
        Assert.Equal(("from before the upgrade", "after the upgrade"), (before, after));
        Assert.Equal(["_m", "_u", "_w", "d:k"], fields.Select(static field => (string)field.Name!).Order());
        Assert.True(SessionRecord.TryParseMetadata((byte[])fields.Single(static field => field.Name == "_m").Value!, out _), "the legacy _m must stay six numbers, which earlier versions read");
        var listed = Assert.Single(sessions!);
        Assert.Equal((legacyHandle, "10.0.0.1", "Old/1.0", true), (listed.Handle, listed.IpAddress, listed.UserAgent, listed.IsCurrent));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Null(await GetAsync(reader, "k"));
    }

    [Fact]
    public async Task ASessionAnEarlierVersionStored_MovesToTheCompactLayout_WhenItsIdRotates_AndKeepsItsUser()
    {
        // Arrange
        await using var app = await StartAppAsync();
        var user = NewUser();
        var (id, legacyHandle) = await StoreLegacySessionAsync(app, user, "k", "kept");
        var cookies = WithSessionCookie(app.Address, id);
        using var client = app.CreateClient(cookies);

        // Act
        (await client.PostAsync("/rotate", null, Token)).EnsureSuccessStatusCode();
        var metadata = await client.GetFromJsonAsync<MetadataView>("/metadata", Token);
        var sessions = await client.GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token);

        // Assert
        var newId = cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value;
        Assert.Equal("kept", await GetAsync(client, "k"));
        Assert.Equal((SessionIds.ToHandle(newId), user), (metadata!.Handle, metadata.UserId));
        var listed = Assert.Single(sessions!);
        Assert.Equal((metadata.Handle, "10.0.0.1", "Old/1.0"), (listed.Handle, listed.IpAddress, listed.UserAgent));
        await using var redis = await ConnectRedisAsync();
        Assert.False(await redis.GetDatabase().KeyExistsAsync(SessionKey(legacyHandle)));
        Assert.Equal(["_m", "d:k"], (await redis.GetDatabase().HashGetAllAsync(SessionKey(metadata.Handle))).Select(static field => (string)field.Name!).Order());
    }

    [Fact]
    public async Task LegacyLayout_WritesWhatEarlierVersionsRead_AndACompactInstanceServesTheSameSession()
    {
        // Arrange: the first rolling restart of an upgrade, old and new instances side by side
        await using var upgrading = await StartAppAsync(static o => o.StorageLayout = SessionStorageLayout.Legacy);
        await using var upgraded = await StartAppAsync();
        var user = NewUser();
        var cookies = new CookieContainer();
        using var onUpgrading = upgrading.CreateClient(cookies);
        onUpgrading.DefaultRequestHeaders.UserAgent.ParseAdd("Laptop/1.0");

        // Act
        var handle = await (await onUpgrading.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Token);
        await PutAsync(onUpgrading, "k", "v");
        using var onUpgraded = upgraded.CreateClient(WithSessionCookie(upgraded.Address, cookies.GetCookies(upgrading.Address)["sessionapp.sid"]!.Value));
        var read = await GetAsync(onUpgraded, "k");
        var sessions = await onUpgraded.GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token);

        // Assert
        var id = cookies.GetCookies(upgrading.Address)["sessionapp.sid"]!.Value;
        Assert.Equal(SessionIds.ToLegacyHandle(id), handle);
        await using var redis = await ConnectRedisAsync();
        var fields = await redis.GetDatabase().HashGetAllAsync(SessionKey(handle));
        Assert.Equal(["_m", "_u", "_w", "d:k"], fields.Select(static field => (string)field.Name!).Order());
        Assert.True(SessionRecord.TryParseMetadata((byte[])fields.Single(static field => field.Name == "_m").Value!, out _));
        Assert.Equal((string?)user, (string?)fields.Single(static field => field.Name == "_u").Value);
        Assert.Equal("v", read);
        var listed = Assert.Single(sessions!);
        Assert.Equal((handle, "Laptop/1.0", true), (listed.Handle, listed.UserAgent, listed.IsCurrent));
    }

    [Fact]
    public async Task LegacyLayout_StillServesASessionACompactInstanceStored()
    {
        // Arrange: the second rolling restart, from Legacy to Compact, both layouts written side by side
        await using var compact = await StartAppAsync();
        await using var legacy = await StartAppAsync(static o => o.StorageLayout = SessionStorageLayout.Legacy);
        var cookies = new CookieContainer();
        using var onCompact = compact.CreateClient(cookies);
        await PutAsync(onCompact, "k", "v");
        var id = cookies.GetCookies(compact.Address)["sessionapp.sid"]!.Value;
        using var onLegacy = legacy.CreateClient(WithSessionCookie(legacy.Address, id));

        // Act
        var read = await GetAsync(onLegacy, "k");
        await PutAsync(onLegacy, "k", "w");

        // Assert
        Assert.Equal("v", read);
        Assert.Equal("w", await GetAsync(onCompact, "k"));
        await using var redis = await ConnectRedisAsync();
        Assert.True(await redis.GetDatabase().KeyExistsAsync(SessionKey(SessionIds.ToHandle(id))));
        Assert.False(await redis.GetDatabase().KeyExistsAsync(SessionKey(SessionIds.ToLegacyHandle(id))));
    }

    /// <summary>
    /// Writes a bound session as the earlier version's scripts did (legacy handle, <c>_m</c> of six numbers, <c>_u</c>,
    /// <c>_w</c>, one plain value) with its user's index entry; returns the id its cookie holds and its handle.
    /// </summary>
    private async Task<(string Id, string Handle)> StoreLegacySessionAsync(SessionTestApp app, string user, string key, string value)
    {
        var id = SessionIds.NewId();
        var handle = SessionIds.ToLegacyHandle(id);
        var tag = app.Services.GetRequiredService<UserKeyHasher>().Hash(user);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var stored = new byte[StoredValue.VersionBytes + 1 + Encoding.UTF8.GetByteCount(value)];
        BinaryPrimitives.WriteInt64BigEndian(stored, RandomNumberGenerator.GetInt32(1, int.MaxValue));
        Encoding.UTF8.GetBytes(value, stored.AsSpan(StoredValue.VersionBytes + 1));
        var idle = (long)TimeSpan.FromMinutes(20).TotalMilliseconds;
        var metadata = SessionRecord.FormatMetadata(now, now, now + (long)TimeSpan.FromHours(8).TotalMilliseconds, idle, stored.Length, 1);

        await using var redis = await ConnectRedisAsync();
        var db = redis.GetDatabase();
        await db.ExecuteAsync("HSET", SessionKey(handle), "_m", metadata, "_u", user, "_w", "10.0.0.1\nOld/1.0", "d:" + key, stored);
        await db.KeyExpireAsync(SessionKey(handle), TimeSpan.FromMilliseconds(idle));
        await db.SortedSetAddAsync($"test:u:{{{tag}}}", handle, now);
        await db.SetAddAsync("test:users", tag);
        return (id, handle);
    }
}
