using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.Benchmarks.Driving;
using SessionApp.Benchmarks.Serving;
using SessionApp.Sessions.Storage;
using SessionApp.Tests.Infrastructure;
using ConnectionMultiplexer = StackExchange.Redis.ConnectionMultiplexer;
using HashEntry = StackExchange.Redis.HashEntry;

namespace SessionApp.Tests.Benchmarks;

/// <summary>
/// The three variants the benchmark compares must do the same work: for the same request sequence, the same
/// responses and the same session contents. Correctness only; nothing here is timed.
/// </summary>
public class BenchmarkVariantTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The request sequence: /work and /read without a session, /seed, then reads and writes.</summary>
    private static readonly string[] Paths = ["/work", "/read", "/seed", "/read", "/state", "/work", "/read", "/work", "/read", "/state"];

    /// <summary>What every variant answers to <see cref="Paths"/>: /read changes nothing, so the state after it is what /work left.</summary>
    private static readonly (HttpStatusCode Status, string Body)[] ExpectedTranscript =
    [
        (HttpStatusCode.NotFound, ""),
        (HttpStatusCode.NotFound, ""),
        (HttpStatusCode.OK, "seeded"),
        (HttpStatusCode.OK, "read 300 bytes"),
        (HttpStatusCode.OK, "a=seeded b=seeded c=seeded d=missing"),
        (HttpStatusCode.OK, "read 300 bytes, wrote d=1"),
        (HttpStatusCode.OK, "read 300 bytes"),
        (HttpStatusCode.OK, "read 300 bytes, wrote d=2"),
        (HttpStatusCode.OK, "read 300 bytes"),
        (HttpStatusCode.OK, "a=seeded b=seeded c=seeded d=2"),
    ];

    [Theory]
    [InlineData(BenchmarkVariant.Engine, false)]
    [InlineData(BenchmarkVariant.Engine, true)]
    [InlineData(BenchmarkVariant.Builtin, false)]
    [InlineData(BenchmarkVariant.Raw, false)]
    public async Task Variant_SameRequestSequence_GivesTheSameResponsesAndSessionContents(BenchmarkVariant variant, bool encrypt)
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var app = await BenchmarkApp.CreateAsync(new ServeOptions(variant, encrypt, redis.ConnectionString, Port: 0));
        await app.StartAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = AddressOf(app), Timeout = Timeout };
        string? cookie = null;

        // Act
        var transcript = new List<(HttpStatusCode, string)>();
        foreach (var path in Paths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            using var response = await client.SendAsync(request, cancellationToken).WaitAsync(Timeout, cancellationToken);
            cookie ??= SessionSeeder.CookieOf(response);
            transcript.Add((response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
        }

        await app.StopAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);

        // Assert
        Assert.NotNull(cookie);
        Assert.Equal(ExpectedTranscript, transcript);
    }

    [Fact]
    public async Task EngineReadOnlyEndpoint_LeavesTheStoredSessionAsItWas()
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var app = await BenchmarkApp.CreateAsync(new ServeOptions(BenchmarkVariant.Engine, Encrypt: false, redis.ConnectionString, Port: 0));
        await app.StartAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = AddressOf(app), Timeout = Timeout };
        using var seed = await client.GetAsync(new Uri("/seed", UriKind.Relative), cancellationToken).WaitAsync(Timeout, cancellationToken);
        var cookie = SessionSeeder.CookieOf(seed)!;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(Timeout, cancellationToken);
        var key = SessionKeys.SessionUnder("bench", SessionIds.ToHandle(cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        var before = await connection.GetDatabase().HashGetAllAsync(key).WaitAsync(Timeout, cancellationToken);

        // Act
        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/read");
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request, cancellationToken).WaitAsync(Timeout, cancellationToken);
            answers.Add(await response.Content.ReadAsStringAsync(cancellationToken));
        }

        var after = await connection.GetDatabase().HashGetAllAsync(key).WaitAsync(Timeout, cancellationToken);
        await app.StopAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);

        // Assert: every field as /seed left it, "last seen" included (no commit, and no touch this soon after it)
        Assert.All(answers, answer => Assert.Equal("read 300 bytes", answer));
        Assert.NotEmpty(before);
        Assert.Equal(Fields(before), Fields(after));
    }

    [Theory]
    [InlineData(BenchmarkVariant.Engine, true, false)]
    [InlineData(BenchmarkVariant.Engine, false, false)]
    [InlineData(BenchmarkVariant.Engine, true, true)]
    [InlineData(BenchmarkVariant.Builtin, true, false)]
    [InlineData(BenchmarkVariant.Raw, true, false)]
    public async Task JsonPayload_EveryVariantReadsAndWritesTheRealisticSession(BenchmarkVariant variant, bool compress, bool dictionary)
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var options = new ServeOptions(variant, Encrypt: false, redis.ConnectionString, Port: 0) { Payload = PayloadKind.Json, Compress = compress, Dictionary = dictionary };
        var expectedBytes = new BenchmarkPayload(PayloadKind.Json).Seed("a").Length + (2 * SessionValues.ValueBytes);
        await using var app = await BenchmarkApp.CreateAsync(options);
        await app.StartAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = AddressOf(app), Timeout = Timeout };
        using var seed = await client.GetAsync(new Uri("/seed", UriKind.Relative), cancellationToken).WaitAsync(Timeout, cancellationToken);
        var cookie = SessionSeeder.CookieOf(seed)!;

        // Act
        var answers = new List<string>();
        foreach (var path in new[] { "/read", "/work", "/work", "/read" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request, cancellationToken).WaitAsync(Timeout, cancellationToken);
            answers.Add(await response.Content.ReadAsStringAsync(cancellationToken));
        }

        var stored = variant == BenchmarkVariant.Engine ? await StoredLengthAsync(cookie, "a", cancellationToken) : 0;
        await app.StopAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);

        // Assert: a ≈1.4 KB JSON session read whole on every request, the work written, and the engine's value
        // stored compressed (a third of it with the dictionary) or whole, as the row says
        Assert.InRange(expectedBytes, 1_100, 2_000);
        var raw = expectedBytes - (2 * SessionValues.ValueBytes);
        if (variant == BenchmarkVariant.Engine)
        {
            Assert.InRange(stored, compress ? 1 : raw, !compress ? raw + 64 : dictionary ? raw * 4 / 10 : raw * 7 / 10);
        }

        Assert.Equal(
            [$"read {expectedBytes} bytes", $"read {expectedBytes} bytes, wrote d=1", $"read {expectedBytes} bytes, wrote d=2", $"read {expectedBytes} bytes"],
            answers);
    }

    [Fact]
    public void WrkScript_RotatesEverySeededCookie()
    {
        // Arrange
        string[] cookies = ["sessionapp.sid=one", "raw.sid=tw\"o"];

        // Act
        var script = WrkScript.Render(cookies, "/work");

        // Assert
        Assert.Contains("\"sessionapp.sid=one\",", script, StringComparison.Ordinal);
        Assert.Contains("\"raw.sid=tw\\\"o\",", script, StringComparison.Ordinal);
        Assert.Contains("wrk.format(\"GET\", \"/work\"", script, StringComparison.Ordinal);
    }

    /// <summary>The stored length of the engine's value <paramref name="name"/> in the session the cookie names.</summary>
    private async Task<long> StoredLengthAsync(string cookie, string name, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString).WaitAsync(Timeout, cancellationToken);
        var key = SessionKeys.SessionUnder("bench", SessionIds.ToHandle(cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        var value = await connection.GetDatabase().HashGetAsync(key, SessionKeys.ValueField(name)).WaitAsync(Timeout, cancellationToken);
        return ((byte[])value!).Length;
    }

    private static Dictionary<string, string> Fields(HashEntry[] entries) =>
        entries.ToDictionary(static e => (string)e.Name!, static e => Convert.ToHexString((byte[])e.Value!));

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
