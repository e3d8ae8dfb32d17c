using System.Net;
using Microsoft.Extensions.Logging;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// The engine's log tells operators what ASP.NET Core's <c>AddSession()</c> tells them — a session started, a
/// session stored, an expired session accessed — at Information, under the same event names, naming sessions by
/// their handle and never by their id.
/// </summary>
public sealed class SessionLogTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Category = "SessionApp.Sessions.SessionEngine";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ANewSession_LogsSessionStartedAtInformationAndSessionStoredAtDebug_ByHandle_NeverById()
    {
        // Arrange
        var logs = new RecordingLoggerProvider();
        await using var app = await StartAsync(logs, LogLevel.Debug);
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);

        // Act
        await SessionValues.PutAsync(client, "a", "1");
        await SessionValues.PutAsync(client, "b", "22");

        // Assert: AddSession()'s levels: a line per new session, a line per write only when debugging.
        var id = cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value;
        var engine = logs.Entries.Where(static e => e.Category == Category).ToList();
        var started = Assert.Single(engine, static e => e.EventId.Name == "SessionStarted");
        var stored = engine.Where(static e => e.EventId.Name == "SessionStored").ToList();
        Assert.Equal(LogLevel.Information, started.Level);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, static e => Assert.Equal(LogLevel.Debug, e.Level));
        Assert.EndsWith("Count:2", stored[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WritesAtTheDefaultLevel_LogNoLinePerRequest()
    {
        // Arrange
        var logs = new RecordingLoggerProvider();
        await using var app = await StartAsync(logs);
        using var client = app.CreateClient(new CookieContainer());

        // Act
        for (var i = 0; i < 5; i++)
        {
            await SessionValues.PutAsync(client, "n", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Assert: one line for the new session, none for the five writes.
        var engine = logs.Entries.Where(static e => e.Category == Category).Select(static e => e.EventId.Name).ToList();
        Assert.Equal(["SessionStarted"], engine.Where(static n => n is "SessionStarted" or "SessionStored"));
    }

    [Fact]
    public async Task AnIdOfAnEndedSession_LogsAccessingExpiredSession_AtInformation()
    {
        // Arrange
        var logs = new RecordingLoggerProvider();
        await using var app = await StartAsync(logs);
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        await SessionValues.PutAsync(client, "k", "v");
        var id = cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value;
        (await client.PostAsync("/revoke", null, Token)).EnsureSuccessStatusCode();
        cookies.Add(app.Address, new Cookie("sessionapp.sid", id));

        // Act
        var value = await SessionValues.GetAsync(client, "k");

        // Assert
        Assert.Null(value);
        var expired = Assert.Single(logs.Entries, static e => e.Category == Category && e.EventId.Name == "AccessingExpiredSession");
        Assert.Equal(LogLevel.Information, expired.Level);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(id, StringComparison.Ordinal));
    }

    private Task<SessionTestApp> StartAsync(RecordingLoggerProvider logs, LogLevel minimumLevel = LogLevel.Information) =>
        SessionTestApp.StartAsync(redis.ConnectionString, o => o.KeyPrefix = "log" + Guid.NewGuid().ToString("N")[..8], logs: logs, minimumLogLevel: minimumLevel);
}
