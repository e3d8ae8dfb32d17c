using System.Net;
using System.Net.Http.Json;
using SessionApp.Sessions.Configuration;

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
    public async Task TrySetAsync_WithAStaleVersion_IsRefusedAndReportsTheWinningVersion()
    {
        // Arrange
        await using var app = await StartAppAsync();
        using var client = app.CreateClient();
        await PutAsync(client, "cart", "one");
        var version = await client.GetFromJsonAsync<long>("/version/cart", Token);
        await PutAsync(client, "cart", "two");

        // Act
        using var stale = await client.PostAsync($"/cas/cart?expected={version}", new StringContent("three"), Token);
        var staleResult = await stale.Content.ReadFromJsonAsync<CasResult>(Token);
        using var fresh = await client.PostAsync($"/cas/cart?expected={version + 1}", new StringContent("four"), Token);
        var freshResult = await fresh.Content.ReadFromJsonAsync<CasResult>(Token);

        // Assert
        Assert.False(staleResult!.Succeeded);
        Assert.Equal(version + 1, staleResult.Version);
        Assert.True(freshResult!.Succeeded);
        Assert.Equal(version + 2, freshResult.Version);
        Assert.Equal("four", await GetAsync(client, "cart"));
    }

    protected sealed record CasResult(bool Succeeded, long Version);

}
