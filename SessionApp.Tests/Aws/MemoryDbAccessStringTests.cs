using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionApp.Api.Auth;
using SessionApp.Aws;
using SessionApp.Sessions.Configuration;
using SessionApp.Tests.Infrastructure;
using SessionApp.Tests.Sessions;
using StackExchange.Redis;

namespace SessionApp.Tests.Aws;

/// <summary>
/// The access string exactly as the stack publishes it (<c>sessionapp</c> prefix, nothing added), on a MemoryDB-like
/// redis-server: everything the services do with Redis passes, and what they never do is refused.
/// </summary>
public sealed class MemoryDbAccessStringTests : IAsyncLifetime
{
    private const string Prefix = "sessionapp";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>What StackExchange.Redis tries while connecting and does without (see <see cref="MemoryDbAccessString"/>).</summary>
    private static readonly string[] HandshakeExtras = ["client|id", "cluster|slots", "config|get", "get", "subscribe"];

    private MemoryDbLikeRedisProcess _redis = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _redis = await MemoryDbLikeRedisProcess.StartAsync(new MemoryDbLikeUsers(MemoryDbAccessString.For(Prefix)));

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    /// <summary>The ACL log as (reason, object) pairs: what the application user was refused.</summary>
    private async Task<List<(string Reason, string Object)>> RefusalsAsync()
    {
        var lines = (await _redis.AdminCliAsync(Timeout, "ACL", "LOG", "128")).Split('\n', StringSplitOptions.TrimEntries);
        var refusals = new List<(string, string)>();
        for (var i = 0; i + 5 < lines.Length; i++)
        {
            if (lines[i] == "reason" && lines[i + 2] == "context" && lines[i + 4] == "object")
            {
                refusals.Add((lines[i + 1], lines[i + 5]));
            }
        }

        return refusals;
    }

    [Fact]
    public async Task PublishedAccessString_LetsTheEngineTheLoginThrottleAndTheKeyRingDoAllTheirWork()
    {
        // Arrange
        await using var app = await SessionTestApp.StartAsync(_redis.ConnectionString, o => o.KeyPrefix = Prefix).WaitAsync(Timeout, Token);
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString).WaitAsync(Timeout, Token);
        var throttle = new LoginThrottle(
            redis,
            app.Services.GetRequiredService<SessionApp.Sessions.Users.UserKeyHasher>(),
            Options.Create(new RedisSessionOptions { KeyPrefix = Prefix }),
            Options.Create(new LoginThrottleOptions()));
        var keyRing = new RedisXmlRepository(() => redis.GetDatabase(), MemoryDbAccessString.DataProtectionKey(Prefix));

        // Act
        await SessionValues.PutAsync(client, "cart", "3 items");
        (await client.PostAsync("/bind/alice", null, Token)).EnsureSuccessStatusCode();
        (await client.PostAsync("/rotate", null, Token)).EnsureSuccessStatusCode();
        var value = await SessionValues.GetAsync(client, "cart");
        var listed = await client.GetFromJsonAsync<JsonElementList>("/users/alice/sessions", Token);
        using var stats = await client.GetAsync("/stats", Token);
        var blocked = await throttle.TryStartAttemptAsync("alice", "192.0.2.10").WaitAsync(Timeout, Token);
        await throttle.ResetAsync("alice", "192.0.2.10").WaitAsync(Timeout, Token);
        keyRing.StoreElement(new XElement("key", new XAttribute("id", "k1")), "k1");
        var ring = keyRing.GetAllElements();
        (await client.PostAsync("/users/alice/revoke-all", null, Token)).EnsureSuccessStatusCode();
        var refusals = await RefusalsAsync();

        // Assert
        Assert.Equal("3 items", value);
        Assert.Single(listed!);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Null(blocked);
        Assert.Single(ring);
        Assert.DoesNotContain(refusals, r => r.Reason != "command");
        Assert.All(refusals, r => Assert.Contains(r.Object, HandshakeExtras));
    }

    [Fact]
    public async Task PublishedAccessString_RefusesAdministrationAndKeysOutsideThePrefix()
    {
        // Arrange: admin mode lets the client send administration commands, so the server is the one that refuses.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true").WaitAsync(Timeout, Token);
        var db = redis.GetDatabase();

        // Act
        var refused = new Dictionary<string, Exception?>
        {
            ["CONFIG GET"] = await Record.ExceptionAsync(() => db.ExecuteAsync("CONFIG", "GET", "maxmemory")),
            ["KEYS"] = await Record.ExceptionAsync(() => db.ExecuteAsync("KEYS", "*")),
            ["FLUSHALL"] = await Record.ExceptionAsync(() => db.ExecuteAsync("FLUSHALL")),
            ["SET in the prefix"] = await Record.ExceptionAsync(() => db.StringSetAsync($"{Prefix}:s:{{x}}", "v")),
            ["HSET outside the prefix"] = await Record.ExceptionAsync(() => db.HashSetAsync("other:s:{x}", "f", "v")),
            ["HGETALL of another prefix"] = await Record.ExceptionAsync(() => db.HashGetAllAsync("sessionapp2:s:{x}")),
        };
        var allowed = await db.HashSetAsync($"{Prefix}:s:{{x}}", "f", "v");

        // Assert
        Assert.All(refused, r => Assert.Contains("NOPERM", Assert.IsType<RedisServerException>(r.Value).Message, StringComparison.Ordinal));
        Assert.True(allowed);
    }

    [Fact]
    public async Task DefaultUser_IsOffAndPlainTcpIsNotServed()
    {
        // Arrange
        var withoutUser = $"127.0.0.1:{_redis.Port},ssl=true,abortConnect=false,connectTimeout=2000";
        var withoutTls = $"127.0.0.1:{_redis.Port},user={_redis.Users.AppUser},password={_redis.Users.AppPassword},abortConnect=false,connectTimeout=2000";

        // Act
        await using var anonymous = await ConnectionMultiplexer.ConnectAsync(withoutUser).WaitAsync(Timeout, Token);
        await using var plain = await ConnectionMultiplexer.ConnectAsync(withoutTls).WaitAsync(Timeout, Token);
        var anonymousPing = await Record.ExceptionAsync(() => anonymous.GetDatabase().HashGetAllAsync($"{Prefix}:s:{{x}}"));
        var plainPing = await Record.ExceptionAsync(() => plain.GetDatabase().HashGetAllAsync($"{Prefix}:s:{{x}}"));

        // Assert
        Assert.False(anonymous.IsConnected);
        Assert.False(plain.IsConnected);
        Assert.NotNull(anonymousPing);
        Assert.NotNull(plainPing);
    }

    private sealed class JsonElementList : List<System.Text.Json.JsonElement>;
}
