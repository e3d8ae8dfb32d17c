using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>
/// Outside Development a service's console is one JSON object per line, as CloudWatch Logs receives it from ECS: the
/// audit trail's events can be picked out by category and event id, the way the README's metric filters do.
/// </summary>
public sealed class JsonConsoleTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Console_InProductionAfterAFailedSignIn_EveryLineIsJsonAndTheAuditEventCarriesItsFields()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var startInfo = ApiProcess.StartInfo(new Dictionary<string, string>
        {
            ["ConnectionStrings__sessions"] = redis.ConnectionString,
            ["ASPNETCORE_URLS"] = address.ToString(),
        });
        var lines = new ConcurrentQueue<string>();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                lines.Enqueue(e.Data);
            }
        };
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
            await BuiltServiceProcess.WaitUntilAnswersAsync(client, "/alive").WaitAsync(StartTimeout, Token);

            // Act
            using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "alice", password = "not-her-password" }, Token);
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
            var audit = await PollAsync(() => lines.Select(Parse).FirstOrDefault(static json =>
                json.GetProperty("Category").GetString() == "SessionApp.Audit" && json.GetProperty("EventId").GetInt32() == 9002));

            // Assert
            Assert.All(lines, static line => Parse(line));
            Assert.Equal("Warning", audit.GetProperty("LogLevel").GetString());
            var state = audit.GetProperty("State");
            Assert.Equal("alice", state.GetProperty("UserName").GetString());
            Assert.Equal("password", state.GetProperty("Method").GetString());
            Assert.Equal("127.0.0.1", state.GetProperty("Client").GetString());
            Assert.DoesNotContain(lines, static line => line.Contains("not-her-password", StringComparison.Ordinal));
            Assert.EndsWith("Z", audit.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Token).WaitAsync(StartTimeout, Token);
        }
    }

    private static JsonElement Parse(string line) => JsonSerializer.Deserialize<JsonElement>(line);

    private static async Task<JsonElement> PollAsync(Func<JsonElement> find)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (find() is { ValueKind: JsonValueKind.Undefined })
        {
            await Task.Delay(100, deadline.Token);
        }

        return find();
    }
}
