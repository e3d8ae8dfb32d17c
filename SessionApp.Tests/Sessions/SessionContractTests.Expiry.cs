using System.Net;
using System.Net.Http.Json;
using SessionApp.Sessions.Configuration;

namespace SessionApp.Tests.Sessions;

public abstract partial class SessionContractTests
{
    [Fact]
    public async Task IdleTimeout_WithNoRequests_EndsTheSession()
    {
        // Arrange
        await using var app = await StartAppAsync(o => o.IdleTimeout = TimeSpan.FromMilliseconds(800));
        using var client = app.CreateClient();
        await PutAsync(client, "k", "v");

        // Act
        await Task.Delay(TimeSpan.FromMilliseconds(1300), Token);

        // Assert
        Assert.Null(await GetAsync(client, "k"));
    }

    [Fact]
    public async Task IdleTimeout_WithRequestsInside_SlidesAndKeepsTheSession()
    {
        // Arrange
        await using var app = await StartAppAsync(o => o.IdleTimeout = TimeSpan.FromMilliseconds(1500));
        using var client = app.CreateClient();
        await PutAsync(client, "k", "v");

        // Act: keep using it for twice the idle timeout
        await ReadEvery500MsForThreeSecondsAsync(client, "k", "v");

        // Assert
        Assert.Equal("v", await GetAsync(client, "k"));
    }

    [Fact]
    public async Task IdleTimeout_WithTheWebServersClockAnHourBehind_StillSlidesOnRedisTime()
    {
        // Arrange: a correct instance creates the session; an instance whose clock is an hour behind Redis's serves
        // it from then on, without having written it
        static void Idle(RedisSessionOptions o) => o.IdleTimeout = TimeSpan.FromMilliseconds(1500);
        await using var creator = await StartAppAsync(Idle);
        await using var behind = await SessionTestApp.StartAsync(Redis, Idle, clock: new ShiftedClock(TimeSpan.FromHours(-1))).WaitAsync(Timeout, Token);
        var cookies = new CookieContainer();
        using var creating = creator.CreateClient(cookies);
        using var client = behind.CreateClient(cookies);
        await PutAsync(creating, "k", "v");

        // Act: keep reading through the skewed instance for twice the idle timeout
        await ReadEvery500MsForThreeSecondsAsync(client, "k", "v");

        // Assert
        Assert.Equal("v", await GetAsync(client, "k"));
    }

    [Fact]
    public async Task AbsoluteTimeout_EvenWithSteadyUse_EndsTheSession()
    {
        // Arrange
        await using var app = await StartAppAsync(o =>
        {
            o.IdleTimeout = TimeSpan.FromSeconds(1);
            o.AbsoluteTimeout = TimeSpan.FromMilliseconds(1800);
        });
        using var client = app.CreateClient();
        await PutAsync(client, "k", "v");
        var seenWhileYoung = await GetAsync(client, "k");

        // Act: requests every 300 ms keep the idle timeout from ever firing
        string? seenWhenOld = "not read";
        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), Token);
            seenWhenOld = await GetAsync(client, "k");
        }

        // Assert
        Assert.Equal("v", seenWhileYoung);
        Assert.Null(seenWhenOld);
    }

    [Fact]
    public async Task AbsoluteTimeout_EvenWithSteadyWrites_EndsTheSession()
    {
        // Arrange: replacing a value with one of the same size takes the plain replace path
        await using var app = await StartAppAsync(o =>
        {
            o.IdleTimeout = TimeSpan.FromSeconds(1);
            o.AbsoluteTimeout = TimeSpan.FromMilliseconds(1800);
        });
        var cookies = new CookieContainer();
        using (var creating = app.CreateClient(cookies))
        {
            await PutAsync(creating, "k", "v0");
        }

        // Every request presents this session's id. A write whose guarding read came just before the session ended
        // reaches the server just after, and starts a fresh session under a new id (as any write after the end
        // does); followed through a cookie jar, that new session's value read as this one living on.
        using var client = PinnedTo(app, cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value);

        // Act
        string? seenWhenOld = "not read";
        for (var i = 1; i <= 8; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), Token);
            seenWhenOld = await GetAsync(client, "k");
            if (seenWhenOld is not null)
            {
                await PutAsync(client, "k", $"v{i}");
            }
        }

        // Assert
        Assert.Null(seenWhenOld);
    }

    [Fact]
    public async Task IdleTimeout_AfterReplacingWrites_StillEndsTheSession()
    {
        // Arrange
        await using var app = await StartAppAsync(o => o.IdleTimeout = TimeSpan.FromMilliseconds(800));
        using var client = app.CreateClient();
        await PutAsync(client, "k", "v0");
        await PutAsync(client, "k", "v1");

        // Act
        await Task.Delay(TimeSpan.FromMilliseconds(1300), Token);

        // Assert
        Assert.Null(await GetAsync(client, "k"));
    }

    [Fact]
    public async Task SetIdleTimeout_Shorter_EndsThatSessionSooner()
    {
        // Arrange: the configured idle timeout would keep the session for minutes
        await using var app = await StartAppAsync(o => o.IdleTimeout = TimeSpan.FromMinutes(5));
        using var client = app.CreateClient();
        await PutAsync(client, "k", "v");

        // Act
        using var set = await client.PostAsync("/idle-timeout/800", null, Token);
        var metadata = await client.GetFromJsonAsync<MetadataView>("/metadata", Token);
        await Task.Delay(TimeSpan.FromMilliseconds(1300), Token);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(800), metadata!.IdleTimeout);
        Assert.Null(await GetAsync(client, "k"));
    }

    [Fact]
    public async Task SetIdleTimeout_OnANewSession_OutlivesTheConfiguredIdleTimeout()
    {
        // Arrange
        await using var app = await StartAppAsync(o => o.IdleTimeout = TimeSpan.FromMilliseconds(800));
        using var client = app.CreateClient();

        // Act: the first request only sets the idle timeout, which creates the session
        using var set = await client.PostAsync("/idle-timeout/10000", null, Token);
        await PutAsync(client, "k", "v");
        await Task.Delay(TimeSpan.FromMilliseconds(1300), Token);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("v", await GetAsync(client, "k"));
    }

    [Fact]
    public async Task SetIdleTimeout_IsKeptWhenTheIdRotatesAndSeenByOtherInstances()
    {
        // Arrange
        static void Idle(RedisSessionOptions o) => o.IdleTimeout = TimeSpan.FromMilliseconds(800);
        await using var first = await StartAppAsync(Idle);
        await using var second = await StartAppAsync(Idle);
        var cookies = new CookieContainer();
        using var onFirst = first.CreateClient(cookies);
        using var onSecond = second.CreateClient(cookies);
        await PutAsync(onFirst, "k", "v");

        // Act
        using var set = await onFirst.PostAsync("/idle-timeout/10000", null, Token);
        using var rotated = await onFirst.PostAsync("/rotate", null, Token);
        await Task.Delay(TimeSpan.FromMilliseconds(1300), Token);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, rotated.StatusCode);
        Assert.Equal("v", await GetAsync(onSecond, "k"));
        var metadata = await onSecond.GetFromJsonAsync<MetadataView>("/metadata", Token);
        Assert.Equal(TimeSpan.FromSeconds(10), metadata!.IdleTimeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3_600_001)]
    public async Task SetIdleTimeout_OutsideOneMillisecondToTheAbsoluteLifetime_IsRefusedAndChangesNothing(long milliseconds)
    {
        // Arrange
        await using var app = await StartAppAsync(o => o.AbsoluteTimeout = TimeSpan.FromHours(1));
        using var client = app.CreateClient();
        await PutAsync(client, "k", "v");

        // Act
        using var response = await client.PostAsync($"/idle-timeout/{milliseconds}", null, Token);
        var problem = await response.Content.ReadFromJsonAsync<ProblemView>(Token);
        var metadata = await client.GetFromJsonAsync<MetadataView>("/metadata", Token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Sessions:AbsoluteTimeout", problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(new RedisSessionOptions().IdleTimeout, metadata!.IdleTimeout);
        Assert.Equal("v", await GetAsync(client, "k"));
    }

    [Fact]
    public async Task Metadata_OfALoadedSession_ReportsBothExpiries()
    {
        // Arrange
        await using var app = await StartAppAsync(o =>
        {
            o.IdleTimeout = TimeSpan.FromMinutes(5);
            o.AbsoluteTimeout = TimeSpan.FromHours(1);
        });
        using var client = app.CreateClient();
        await PutAsync(client, "k", "v");

        // Act
        var metadata = await client.GetFromJsonAsync<MetadataView>("/metadata", Token);

        // Assert
        Assert.False(metadata!.IsNew);
        Assert.Equal(TimeSpan.FromMinutes(5), metadata.IdleTimeout);
        Assert.InRange(metadata.ExpiresAt - metadata.LastSeenAt, TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.InRange(metadata.AbsoluteExpiresAt - metadata.CreatedAt, TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    protected sealed record MetadataView(string Handle, bool IsNew, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, DateTimeOffset AbsoluteExpiresAt, TimeSpan IdleTimeout, string? UserId);

    /// <summary>A web server clock set off from the true time.</summary>
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    /// <summary>
    /// A client that presents <paramref name="id"/> on every request and ignores every Set-Cookie: it stays with that
    /// one session, where a browser would move to the fresh session a request after the end starts.
    /// </summary>
    private static HttpClient PinnedTo(SessionTestApp app, string id)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Cookie", "sessionapp.sid=" + id);
        return client;
    }

    /// <summary>Reads a key six times, 500 ms apart, asserting each time that it still holds the value.</summary>
    private static async Task ReadEvery500MsForThreeSecondsAsync(HttpClient client, string key, string expected)
    {
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
            Assert.Equal(expected, await GetAsync(client, key));
        }
    }
}
