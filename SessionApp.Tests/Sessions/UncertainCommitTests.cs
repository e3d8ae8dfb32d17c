using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// Commits whose outcome the engine cannot know — a token cancelled after the command left, a Redis frozen with
/// SIGSTOP mid-command until the store's time budget runs out — on a real redis-server and a warm connection. The
/// command may still run; the engine must neither fail the retry (a 500) nor claim that nothing changed.
/// </summary>
public sealed class UncertainCommitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CommitAsync_WithACancelledToken_OnAWarmConnection_LeavesTheAutomaticCommitToCreateTheOneSession()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString);
        using var warm = app.CreateClient();
        await SessionValues.PutAsync(warm, "warm", "up");
        using var client = app.CreateClient();

        // Act
        using var response = await client.PutAsync("/cancelled-commit/values/k", new StringContent("kept"), Token);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(response.Headers.Contains("Set-Cookie"), "the new session's cookie was issued");
        Assert.Equal("kept", await SessionValues.GetAsync(client, "k"));
        Assert.Equal(2, await CountSessionsAsync(redis));
    }

    [Fact]
    public async Task CommitAsync_CancelledAfterTheCommandLeft_ForAFrozenRedis_IsRecognisedByTheAutomaticCommit()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString);
        using var warm = app.CreateClient();
        await SessionValues.PutAsync(warm, "warm", "up");
        using var client = app.CreateClient();
        var (gate, resume) = (RequestGates.NewGate(), RequestGates.NewGate());
        await using var pause = new FrozenRedis(redis);

        // Act: the request's own commit is sent to a frozen Redis and given up after 300 ms; Redis then runs it
        var put = client.PutAsync($"/interrupted-commit/values/k?gate={gate}&resume={resume}", new StringContent("kept"), Token);
        await RequestGates.ArrivedAsync(gate).WaitAsync(Timeout, Token);
        await pause.FreezeAsync();
        RequestGates.Open(gate);
        await RequestGates.ArrivedAsync(resume).WaitAsync(Timeout, Token);
        await pause.ResumeAsync();
        RequestGates.Open(resume);
        using var response = await put.WaitAsync(Timeout, Token);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(response.Headers.Contains("Set-Cookie"), "the new session's cookie was issued");
        Assert.Equal("kept", await SessionValues.GetAsync(client, "k"));
        Assert.Equal(2, await CountSessionsAsync(redis));
    }

    [Theory]
    [InlineData("after!")] // as long as "before": the plain replace
    [InlineData("after the pause")] // longer: the commit script
    public async Task Commit_TimingOutOnAFrozenRedis_Answers503ThatDoesNotClaimNothingChanged(string value)
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        var logs = new RecordingLoggerProvider();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.StoreTimeout = TimeSpan.FromMilliseconds(500), logs: logs);
        using var client = app.CreateClient();
        await SessionValues.PutAsync(client, "k", "before");
        await using var pause = new FrozenRedis(redis);

        // Act: the request has loaded its session; Redis freezes before it commits, and resumes after the 503
        using var response = await pause.AnswerWhileFrozenAsync(
            gate => client.PutAsync($"/gated/values/k?gate={gate}", new StringContent(value), Token), Timeout, Token);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        await pause.ResumeAsync();
        var afterwards = await SessionValues.GetAsync(client, "k");

        // Assert: the change did land, and the 503 did not say otherwise
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var detail = problem.GetProperty("detail").GetString();
        Assert.DoesNotContain("Nothing was changed", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("may or may not have been saved", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(value, afterwards);
        Assert.Contains(logs.Entries, static e => e.EventId.Name == "SessionCommitOutcomeUnknown" && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task Commit_OfANewSession_TimingOutOnAFrozenRedis_IsNot500_AndTheRetriedRequestWorks()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.StoreTimeout = TimeSpan.FromMilliseconds(500));
        using var warm = app.CreateClient();
        await SessionValues.PutAsync(warm, "warm", "up");
        using var client = app.CreateClient();
        await using var pause = new FrozenRedis(redis);

        // Act
        using var response = await pause.AnswerWhileFrozenAsync(
            gate => client.PutAsync($"/gated/values/k?gate={gate}", new StringContent("v"), Token), Timeout, Token);
        await pause.ResumeAsync();
        using var retried = await client.PutAsync("/values/k", new StringContent("v"), Token);

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), "no cookie for a session whose creation is not confirmed");
        Assert.Contains("may or may not have been saved", await response.Content.ReadAsStringAsync(Token), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        Assert.Equal("v", await SessionValues.GetAsync(client, "k"));
    }

    [Fact]
    public async Task TrySetAsync_GivenUpByTheApplication_NeverBecomesAnUnconditionalWrite()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString);
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        using var otherTab = app.CreateClient(cookies);
        await SessionValues.PutAsync(client, "k", "first");
        var version = await client.GetFromJsonAsync<long>("/version/k", Token);
        var gate = RequestGates.NewGate();

        // Act: the compare-and-set is given up; meanwhile another request changes the key
        var put = client.PutAsync($"/cancelled-cas/values/k?expected={version}&gate={gate}", new StringContent("mine"), Token);
        await RequestGates.ArrivedAsync(gate).WaitAsync(Timeout, Token);
        await SessionValues.PutAsync(otherTab, "k", "theirs");
        RequestGates.Open(gate);
        using var response = await put.WaitAsync(Timeout, Token);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("theirs", await SessionValues.GetAsync(client, "k"));
    }

    private static async Task<int> CountSessionsAsync(RedisServerProcess redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(Timeout, Token);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var count = 0;
        await foreach (var _ in server.KeysAsync(pattern: "test:s:*"))
        {
            count++;
        }

        return count;
    }
}
