using System.Net;
using System.Text.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// A handler that writes its answer after changing the session, on a real redis-server and Kestrel: the response's
/// start waits for the commit, so a commit that fails (Redis frozen with SIGSTOP past the store's time budget, or a
/// session over its size limit) is an honest 503 with Retry-After, or a 413, however the body was written, and never
/// a reset or a success that was not saved. Only a response the handler started before changing the session is
/// aborted when the commit at the end fails.
/// </summary>
public sealed class HeldResponseTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Answers => new()
    {
        { "json", """{"answer":"handler-answer-k"}""" },
        { "stream", "handler-answer-k" },
        { "flush", "handler-answer-k and more" },
        { "start", "handler-answer-k" },
        { "unflushed", "handler-answer-k" },
        { "large", new string('x', WrittenAnswers.LargeBytes) },
        { "streamed", "started;handler-answer-k" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Answer_WrittenBeforeTheCommit_ArrivesWhole_AndTheChangeIsSaved(string how, string expected)
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString);
        using var client = app.CreateClient();
        await SessionValues.PutAsync(client, "k", "before");

        // Act
        using var response = await client.PutAsync($"/written/{how}/values/k", new StringContent("after"), Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, body);
        Assert.Equal("after", await SessionValues.GetAsync(client, "k"));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("unflushed")]
    public async Task Answer_OfANewSession_WrittenBeforeItsFirstCommit_CarriesItsCookie(string how)
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString);
        using var client = app.CreateClient();

        // Act
        using var response = await client.PutAsync($"/written/{how}/values/k", new StringContent("v"), Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Set-Cookie"), "the new session's cookie was issued");
        Assert.Equal("v", await SessionValues.GetAsync(client, "k"));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("stream")]
    [InlineData("flush")]
    [InlineData("start")]
    [InlineData("unflushed")]
    [InlineData("large")]
    [InlineData("swallowed")]
    public async Task Answer_WrittenBeforeACommitThatTimesOut_IsA503WithRetryAfter_NotAReset(string how)
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.StoreTimeout = TimeSpan.FromMilliseconds(500));
        using var client = app.CreateClient();
        await SessionValues.PutAsync(client, "k", "before");
        await using var pause = new FrozenRedis(redis);

        // Act: the request has loaded its session; Redis freezes before the handler changes it and writes its answer
        using var response = await pause.AnswerWhileFrozenAsync(
            gate => client.PutAsync($"/written/{how}/values/k?gate={gate}", new StringContent("after"), Token), Timeout, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        await pause.ResumeAsync();

        // Assert: the problem alone, none of the handler's answer, and the client's cookie left as it was
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("handler-answer", body, StringComparison.Ordinal);
        Assert.DoesNotContain("xxx", body, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"), "the session's id is left as it was");
    }

    [Fact]
    public async Task Answer_WrittenBeforeACommitOverTheSessionLimit_IsA413_AndKeepsWhatWasThere()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o =>
        {
            o.MaxValueBytes = 400;
            o.MaxSessionBytes = 1000;
            o.CompressValues = false;
        });
        using var client = app.CreateClient();
        await SessionValues.PutAsync(client, "a", new string('a', 400));
        await SessionValues.PutAsync(client, "b", new string('b', 400));

        // Act
        using var response = await client.PutAsync("/written/json/values/c", new StringContent(new string('c', 400)), Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Sessions:MaxSessionBytes", body, StringComparison.Ordinal);
        Assert.DoesNotContain("handler-answer", body, StringComparison.Ordinal);
        Assert.Null(await SessionValues.GetAsync(client, "c"));
    }

    [Fact]
    public async Task Answer_StartedBeforeTheSessionChanged_IsAborted_WhenTheCommitTimesOut()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        var logs = new RecordingLoggerProvider();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.StoreTimeout = TimeSpan.FromMilliseconds(500), logs: logs);
        using var client = app.CreateClient();
        await SessionValues.PutAsync(client, "k", "before");
        await using var pause = new FrozenRedis(redis);

        // Act: the handler has sent its status and a first chunk before it changes the session
        var failure = await Record.ExceptionAsync(() => pause.AnswerWhileFrozenAsync(
            gate => client.PutAsync($"/written/streamed/values/k?gate={gate}", new StringContent("after"), Token), Timeout, Token));
        await pause.ResumeAsync();

        // Assert: no success claimed for a change that was not confirmed
        Assert.IsType<HttpRequestException>(failure);
        Assert.NotNull(await logs.WaitForAsync(static e => e.EventId.Name == "CommitFailedAfterResponseStarted", Timeout, Token));
    }
}
