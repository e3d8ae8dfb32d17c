using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.Api;

/// <summary>
/// The sign-in throttle locks out the client that guesses, not the account: the owner still signs in from elsewhere,
/// attempts during a lock-out do not prolong it, lock-outs back off, and Redis holds no name, not even hashed
/// without a key.
/// </summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class LoginThrottleTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Attacker = "203.0.113.7";

    private static readonly Dictionary<string, string?> ShortLockout = new()
    {
        ["LoginThrottle:Lockout"] = "00:00:02",
        ["LoginThrottle:MaxLockout"] = "00:00:30",
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_ThirtyWrongPasswordsFromAnotherClient_OwnerStillSignsIn()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (attacker, _, _) = apis.CreateBrowser();
        var (owner, _, _) = apis.CreateBrowser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            statuses.Add(await LoginFromAsync(attacker, Attacker, "bob", "guess-" + i));
        }

        // Act
        using var login = await owner.LoginAsync("bob", "bob-pass-1");

        // Assert
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(25, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Login_AttemptsDuringALockout_DoNotProlongIt()
    {
        // Arrange: five failures lock this client out for 2 s
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString, ShortLockout);
        var (client, _, _) = apis.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, Attacker, "alice", "wrong"));
        }

        using var locked = await LoginMessageFromAsync(client, Attacker, "alice", "wrong");
        var lockedAt = Stopwatch.StartNew();
        var duringLockout = new List<HttpStatusCode>();
        while (lockedAt.Elapsed < TimeSpan.FromSeconds(1.2))
        {
            duringLockout.Add(await LoginFromAsync(client, Attacker, "alice", "still-wrong"));
            await Task.Delay(100, Token);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.4) - lockedAt.Elapsed, Token);

        // Act
        var afterLockout = await LoginFromAsync(client, Attacker, "alice", "alice-pass-1");

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), locked.Headers.RetryAfter?.Delta);
        Assert.NotEmpty(duringLockout);
        Assert.All(duringLockout, status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(HttpStatusCode.OK, afterLockout);
    }

    [Fact]
    public async Task Login_ASecondLockout_LastsTwiceAsLong()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString, ShortLockout);
        var (client, _, _) = apis.CreateBrowser();
        var first = await FailUntilLockedAsync(client);
        await Task.Delay(TimeSpan.FromSeconds(2.3), Token);

        // Act
        var second = await FailUntilLockedAsync(client);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(2), first);
        Assert.InRange(second, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Login_Failures_LeaveNoNameNorPlainHashOfItInRedis()
    {
        // Arrange
        var prefix = "throttle-test-" + Guid.NewGuid().ToString("N")[..8];
        await using var api = await ApiInstance.StartAsync(redis.ConnectionString, "api-1", prefix);
        using var client = api.CreateClient(new CookieContainer());

        // Act
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, Attacker, "Bob", "wrong"));

        // Assert
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(ApiInstance.StepTimeout, Token);
        var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: prefix + ":throttle:*").Select(key => key.ToString()).ToList();
        var key = Assert.Single(keys);
        var hashed = key[(prefix + ":throttle:").Length..];
        Assert.DoesNotContain("bob", key, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Attacker, key, StringComparison.Ordinal);
        Assert.NotEqual(System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes("bob"))), hashed);
        Assert.NotEqual(System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes("bob\n" + Attacker))), hashed);
        Assert.Equal(43, hashed.Length);
    }

    private static async Task<TimeSpan> FailUntilLockedAsync(HttpClient client)
    {
        for (var i = 0; i < 10; i++)
        {
            using var response = await LoginMessageFromAsync(client, Attacker, "bob", "wrong");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
            }
        }

        throw new Xunit.Sdk.XunitException("Ten wrong passwords were never throttled.");
    }

    private static async Task<HttpStatusCode> LoginFromAsync(HttpClient client, string address, string userName, string password)
    {
        using var response = await LoginMessageFromAsync(client, address, userName, password);
        return response.StatusCode;
    }

    /// <summary>A sign-in as the load balancer forwards it for a client at <paramref name="address"/>.</summary>
    private static async Task<HttpResponseMessage> LoginMessageFromAsync(HttpClient client, string address, string userName, string password)
    {
        // As the load balancer forwards a client's request.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", address);
        request.Headers.TryAddWithoutValidation(TrustedProxy.Header, TrustedProxy.Secret);
        return await client.SendAsync(request, Token);
    }
}
