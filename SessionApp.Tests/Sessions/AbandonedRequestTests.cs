using System.Net;
using Microsoft.Extensions.Logging;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// A request whose client goes away (a closed tab) before the session is committed: as with ASP.NET Core's own
/// session, the change is still saved, under the store's time budget rather than the request's abort token.
/// </summary>
public sealed class AbandonedRequestTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commit_AfterTheClientWentAway_SavesTheChange_AndRaisesNoError()
    {
        // Arrange
        var logs = new RecordingLoggerProvider();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = "ab" + Guid.NewGuid().ToString("N")[..8], logs: logs);
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        await SessionValues.PutAsync(client, "k", "before");
        using var tab = app.CreateClient(cookies);
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var (gate, finished) = (RequestGates.NewGate(), RequestGates.NewGate());

        // Act: the tab sends its change and closes before the server has handled it
        var put = tab.PutAsync($"/abandoned/values/k?gate={gate}&finished={finished}", new StringContent("saved anyway"), closing.Token);
        await RequestGates.ArrivedAsync(gate).WaitAsync(Timeout, Token);
        await closing.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => put);
        RequestGates.Open(gate);
        await RequestGates.ArrivedAsync(finished).WaitAsync(Timeout, Token);

        // Assert
        Assert.Equal("saved anyway", await SessionValues.GetAsync(client, "k"));
        Assert.DoesNotContain(logs.Entries, static e => e.Level >= LogLevel.Error);
    }
}
