using System.Net;
using System.Net.Http.Json;
using SessionApp.Sessions.Configuration;
using SessionApp.Sessions.Storage;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// The engine's contract, run against every kind of Redis it supports: a single redis-server, a Redis Cluster
/// of three masters, and Garnet. Each derived class names the server.
/// </summary>
public abstract partial class SessionContractTests
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    protected abstract string Redis { get; }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected Task<SessionTestApp> StartAppAsync(Action<RedisSessionOptions>? configure = null, string environment = "Development") =>
        SessionTestApp.StartAsync(Redis, configure, environment).WaitAsync(Timeout, Token);

    protected static Task PutAsync(HttpClient client, string key, string value) => SessionValues.PutAsync(client, key, value);

    protected static Task<string?> GetAsync(HttpClient client, string key) => SessionValues.GetAsync(client, key);

    protected Task<StackExchange.Redis.ConnectionMultiplexer> ConnectRedisAsync() =>
        StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Redis).WaitAsync(Timeout, Token);

    /// <summary>The Redis key of a session, as the engine lays it out under the test app's prefix.</summary>
    protected static StackExchange.Redis.RedisKey SessionKey(string handle) => SessionKeys.SessionUnder("test", handle);

    /// <summary>
    /// Puts a value with a request held after it has loaded the session, runs <paramref name="meanwhile"/> (another
    /// request) while it waits, then lets it write; returns its response.
    /// </summary>
    protected static async Task<HttpResponseMessage> PutAroundAsync(HttpClient client, string key, string value, Func<Task> meanwhile)
    {
        var gate = RequestGates.NewGate();
        var put = client.PutAsync($"/gated/values/{key}?gate={gate}", new StringContent(value), Token);
        await RequestGates.ArrivedAsync(gate).WaitAsync(Timeout, Token);
        await meanwhile();
        RequestGates.Open(gate);
        return await put.WaitAsync(Timeout, Token);
    }

    [Fact]
    public async Task Reading_WithoutWriting_IssuesNoCookieAndStoresNothing()
    {
        // Arrange
        await using var app = await StartAppAsync();
        using var client = app.CreateClient();

        // Act
        using var response = await client.GetAsync("/values/anything", Token);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task SetThenGet_OnAnotherInstance_SeesTheValue()
    {
        // Arrange
        await using var first = await StartAppAsync();
        await using var second = await StartAppAsync();
        var cookies = new CookieContainer();
        using var onFirst = first.CreateClient(cookies);
        using var onSecond = second.CreateClient(cookies);

        // Act
        await PutAsync(onFirst, "greeting", "hello from one");
        var seen = await GetAsync(onSecond, "greeting");

        // Assert
        Assert.Equal("hello from one", seen);
    }

    [Fact]
    public async Task Cookie_OnPlainHttpLoopback_IsHttpOnlyLaxAndHoldsA256BitId()
    {
        // Arrange
        await using var app = await StartAppAsync();
        using var client = app.CreateClient();

        // Act
        using var response = await client.PutAsync("/values/k", new StringContent("v"), Token);

        // Assert
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("sessionapp.sid=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var id = cookie["sessionapp.sid=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];
        Assert.Equal(32, Convert.FromBase64String(id.Replace('-', '+').Replace('_', '/') + "=").Length);
    }

    [Fact]
    public async Task RemoveAndClear_AreCommittedAsDeletes()
    {
        // Arrange
        await using var app = await StartAppAsync();
        using var client = app.CreateClient();
        await PutAsync(client, "a", "1");
        await PutAsync(client, "b", "2");
        await PutAsync(client, "c", "3");

        // Act
        using var removed = await client.DeleteAsync("/values/a", Token);
        var keysAfterRemove = await client.GetFromJsonAsync<string[]>("/keys", Token);
        using var cleared = await client.PostAsync("/clear", null, Token);
        var keysAfterClear = await client.GetFromJsonAsync<string[]>("/keys", Token);

        // Assert
        Assert.Equal(["b", "c"], keysAfterRemove!);
        Assert.Empty(keysAfterClear!);
    }

    [Fact]
    public async Task ConcurrentRequests_EachSettingItsOwnKey_AllPersist()
    {
        // Arrange
        await using var first = await StartAppAsync();
        await using var second = await StartAppAsync();
        var cookies = new CookieContainer();
        using var onFirst = first.CreateClient(cookies);
        using var onSecond = second.CreateClient(cookies);
        await PutAsync(onFirst, "seed", "0");

        // Act
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => PutAsync(i % 2 == 0 ? onFirst : onSecond, $"key-{i}", $"value-{i}")));

        // Assert
        var keys = await onFirst.GetFromJsonAsync<string[]>("/keys", Token);
        Assert.Equal(51, keys!.Length);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal($"value-{i}", await GetAsync(onSecond, $"key-{i}"));
        }
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentIncrementsOfOneKey_LoseNoUpdate()
    {
        // Arrange
        await using var first = await StartAppAsync();
        await using var second = await StartAppAsync();
        var cookies = new CookieContainer();
        using var onFirst = first.CreateClient(cookies);
        using var onSecond = second.CreateClient(cookies);
        await PutAsync(onFirst, "counter", "0");

        // Act
        await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? onFirst : onSecond).PostAsync("/increment/counter", null, Token);
            response.EnsureSuccessStatusCode();
        }));

        // Assert
        Assert.Equal("30", await GetAsync(onFirst, "counter"));
    }

    [Fact]
    public async Task Replace_OfASessionRevokedMeanwhile_LeavesNothingInRedis()
    {
        // Arrange
        await using var app = await StartAppAsync();
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        using var otherTab = app.CreateClient(cookies);
        await PutAsync(client, "k", "v0");
        var handle = (await client.GetFromJsonAsync<MetadataView>("/metadata", Token))!.Handle;

        // Act: a same-size replace that loaded the session before another request revoked it
        using var replaced = await PutAroundAsync(client, "k", "v1", async () => (await otherTab.PostAsync("/revoke", null, Token)).EnsureSuccessStatusCode());

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, replaced.StatusCode);
        await using var redis = await ConnectRedisAsync();
        Assert.False(await redis.GetDatabase().KeyExistsAsync(SessionKey(handle)), "the replace left a bare hash behind");
        Assert.Null(await GetAsync(client, "k"));
    }

    [Fact]
    public async Task Replace_OfAKeyRemovedMeanwhile_RestoresItAndKeepsTheCountsExact()
    {
        // Arrange
        await using var app = await StartAppAsync();
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        using var otherTab = app.CreateClient(cookies);
        await PutAsync(client, "k", "v0");
        await PutAsync(client, "other", "some value");
        var handle = (await client.GetFromJsonAsync<MetadataView>("/metadata", Token))!.Handle;

        // Act: the replace loaded k before another request removed it, and writes last
        using var replaced = await PutAroundAsync(client, "k", "v1", async () => (await otherTab.DeleteAsync("/values/k", Token)).EnsureSuccessStatusCode());
        replaced.EnsureSuccessStatusCode();

        // Assert
        Assert.Equal("v1", await GetAsync(client, "k"));
        await using var redis = await ConnectRedisAsync();
        var fields = await redis.GetDatabase().HashGetAllAsync(SessionKey(handle));
        var values = fields.Where(static field => field.Name.StartsWith("d:")).ToArray();
        Assert.Equal(2, values.Length);
        Assert.True(SessionRecord.TryParseMetadata((byte[])fields.Single(static field => field.Name == "_m").Value!, out var metadata));
        Assert.Equal(values.Length, metadata.Count);
        Assert.Equal(values.Sum(static field => (long)field.Value.Length()), metadata.StoredBytes);
    }

    [Fact]
    public async Task AnAnonymousSession_HoldsItsMetadataAndValuesOnly_NoClientDetails()
    {
        // Arrange
        await using var app = await StartAppAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Laptop/1.0");

        // Act
        await PutAsync(client, "k", "v");

        // Assert
        var handle = (await client.GetFromJsonAsync<MetadataView>("/metadata", Token))!.Handle;
        await using var redis = await ConnectRedisAsync();
        var fields = await redis.GetDatabase().HashGetAllAsync(SessionKey(handle));
        Assert.Equal(["_m", "d:k"], fields.Select(static field => (string)field.Name!).Order());
    }

    [Fact]
    public async Task TrySetAsync_WithAStaleVersion_IsRefusedAndReportsTheWinningVersion()
    {
        // Arrange
        await using var app = await StartAppAsync();
        using var client = app.CreateClient();
        await PutAsync(client, "cart", "one");
        var version = await client.GetFromJsonAsync<long>("/version/cart", Token);
        await PutAsync(client, "cart", "two");
        var winning = await client.GetFromJsonAsync<long>("/version/cart", Token);

        // Act
        using var stale = await client.PostAsync($"/cas/cart?expected={version}", new StringContent("three"), Token);
        var staleResult = await stale.Content.ReadFromJsonAsync<CasResult>(Token);
        using var fresh = await client.PostAsync($"/cas/cart?expected={winning}", new StringContent("four"), Token);
        var freshResult = await fresh.Content.ReadFromJsonAsync<CasResult>(Token);

        // Assert: versions are opaque, and every write takes a new one
        Assert.NotEqual(version, winning);
        Assert.False(staleResult!.Succeeded);
        Assert.Equal(winning, staleResult.Version);
        Assert.True(freshResult!.Succeeded);
        Assert.NotEqual(winning, freshResult.Version);
        Assert.NotEqual(version, freshResult.Version);
        Assert.Equal(freshResult.Version, await client.GetFromJsonAsync<long>("/version/cart", Token));
        Assert.Equal("four", await GetAsync(client, "cart"));
    }

    protected sealed record CasResult(bool Succeeded, long Version);

}
