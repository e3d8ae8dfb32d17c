using System.Diagnostics;
using System.Net;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

/// <summary>The store goes away mid-test and comes back: requests fail fast and clearly, then recover on their own.</summary>
public sealed class StoreOutageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedisStopped_RequestsAnswer503Fast_AndRecoverWhenItRestarts()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync(appendOnly: true);
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.StoreTimeout = TimeSpan.FromMilliseconds(500));
        using var client = app.CreateClient();
        await SessionValues.PutAsync(client, "k", "before");

        // Act: the store disappears
        await redis.StopAsync();
        var stopwatch = Stopwatch.StartNew();
        using var read = await client.GetAsync("/values/k", Token);
        var readElapsed = stopwatch.Elapsed;
        using var write = await client.PutAsync("/values/other", new StringContent("lost?"), Token);
        var problem = await read.Content.ReadAsStringAsync(Token);

        // ...and comes back on the same port
        await redis.StartAsync();
        var recovered = await RetryUntilAsync(async () =>
        {
            using var response = await client.GetAsync("/values/k", Token);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync(Token) : null;
        }, TimeSpan.FromSeconds(20));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.True(read.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 carries Retry-After");
        Assert.Contains("session store is unavailable", problem, StringComparison.OrdinalIgnoreCase);
        Assert.True(readElapsed < TimeSpan.FromSeconds(3), $"the 503 took {readElapsed}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.Equal("before", recovered);
        using var afterwards = await client.GetAsync("/values/other", Token);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode);
    }

    [Fact]
    public async Task RedisStopped_ANewVisitorWritingAValue_Gets503NotAnEmptySession()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.StoreTimeout = TimeSpan.FromMilliseconds(500));
        using var warm = app.CreateClient();
        await SessionValues.PutAsync(warm, "warm", "up");
        using var client = app.CreateClient();

        // Act
        await redis.StopAsync();
        using var response = await client.PutAsync("/values/k", new StringContent("v"), Token);

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task RedisDownWhenTheAppStarts_Answers503_ThenWorksOnceRedisIsUp()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await redis.StopAsync();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.StoreTimeout = TimeSpan.FromMilliseconds(500));
        using var client = app.CreateClient();

        // Act
        using var whileDown = await client.PutAsync("/values/k", new StringContent("v"), Token);
        await redis.StartAsync();
        var afterwards = await RetryUntilAsync(async () =>
        {
            using var response = await client.PutAsync("/values/k", new StringContent("v"), Token);
            return response.StatusCode == HttpStatusCode.NoContent ? await client.GetStringAsync("/values/k", Token) : null;
        }, TimeSpan.FromSeconds(20));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
        Assert.Equal("v", afterwards);
    }

    private static async Task<T?> RetryUntilAsync<T>(Func<Task<T?>> attempt, TimeSpan timeout)
        where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            await Task.Delay(200, Token);
        }

        return null;
    }
}
