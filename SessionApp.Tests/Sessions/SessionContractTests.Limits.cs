using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace SessionApp.Tests.Sessions;

public abstract partial class SessionContractTests
{
    [Fact]
    public async Task Set_AValueOverMaxValueBytes_Answers413AndWritesNothing()
    {
        // Arrange
        await using var app = await StartAppAsync(o => o.MaxValueBytes = 100);
        using var client = app.CreateClient();
        await PutAsync(client, "small", "fits");

        // Act
        using var response = await client.PutAsync("/values/big", new StringContent(new string('x', 101)), Token);
        var problem = await response.Content.ReadFromJsonAsync<ProblemView>(Token);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Sessions:MaxValueBytes", problem!.Detail, StringComparison.Ordinal);
        Assert.Null(await GetAsync(client, "big"));
        Assert.Equal("fits", await GetAsync(client, "small"));
    }

    [Fact]
    public async Task Set_OneKeyOverMaxKeys_Answers413()
    {
        // Arrange
        await using var app = await StartAppAsync(o => o.MaxKeys = 3);
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await PutAsync(client, $"k{i}", "v");
        }

        // Act
        using var response = await client.PutAsync("/values/k3", new StringContent("v"), Token);
        var problem = await response.Content.ReadFromJsonAsync<ProblemView>(Token);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Sessions:MaxKeys", problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(3, (await client.GetFromJsonAsync<string[]>("/keys", Token))!.Length);
    }

    [Fact]
    public async Task ConcurrentWriters_OverMaxKeys_AreStoppedAtomicallyByTheStore()
    {
        // Arrange: every request sees 1 key loaded, so only the store's own check can hold the line
        await using var app = await StartAppAsync(o => o.MaxKeys = 5);
        using var client = app.CreateClient();
        await PutAsync(client, "seed", "v");

        // Act
        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            using var response = await client.PutAsync($"/values/k{i}", new StringContent("v"), Token);
            return response.StatusCode;
        }));

        // Assert
        var keys = await client.GetFromJsonAsync<string[]>("/keys", Token);
        Assert.Equal(5, keys!.Length);
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.NoContent));
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.RequestEntityTooLarge));
    }

    [Fact]
    public async Task Set_PastMaxSessionBytes_Answers413AndKeepsWhatWasThere()
    {
        // Arrange
        await using var app = await StartAppAsync(o =>
        {
            o.MaxValueBytes = 400;
            o.MaxSessionBytes = 1000;

            // The limit counts stored bytes, and 400 repeated characters would compress to a few.
            o.CompressValues = false;
        });
        using var client = app.CreateClient();
        await PutAsync(client, "a", new string('a', 400));
        await PutAsync(client, "b", new string('b', 400));

        // Act
        using var response = await client.PutAsync("/values/c", new StringContent(new string('c', 400)), Token);
        var problem = await response.Content.ReadFromJsonAsync<ProblemView>(Token);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Sessions:MaxSessionBytes", problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], (await client.GetFromJsonAsync<string[]>("/keys", Token))!);
    }

    [Fact]
    public async Task Set_AKeyNameOverMaxKeyLength_Answers413()
    {
        // Arrange
        await using var app = await StartAppAsync(o => o.MaxKeyLength = 8);
        using var client = app.CreateClient();

        // Act
        using var response = await client.PutAsync("/values/" + new string('k', 9), new StringContent("v"), Token);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task RandomAndTamperedCookies_NeverFail_AndGetAFreshSession()
    {
        // Arrange
        await using var app = await StartAppAsync();
        var genuine = new CookieContainer();
        using var owner = app.CreateClient(genuine);
        await PutAsync(owner, "secret", "owner's");
        var id = genuine.GetCookies(app.Address)["sessionapp.sid"]!.Value;
        var forged = Enumerable.Range(0, 1000).Select(i => Forge(id, i)).ToList();
        using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };

        // Act
        var outcomes = await Task.WhenAll(forged.Chunk(100).Select(async chunk =>
        {
            var results = new List<(HttpStatusCode Status, string Body)>();
            foreach (var cookie in chunk)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/values/secret");
                request.Headers.TryAddWithoutValidation("Cookie", "sessionapp.sid=" + cookie);
                using var response = await client.SendAsync(request, Token);
                results.Add((response.StatusCode, await response.Content.ReadAsStringAsync(Token)));
            }

            return results;
        }));

        // Assert
        var all = outcomes.SelectMany(r => r).ToList();
        Assert.Equal(1000, all.Count);
        Assert.All(all, r => Assert.Equal(HttpStatusCode.NotFound, r.Status));
        Assert.Equal("owner's", await GetAsync(owner, "secret"));
    }

    [Fact]
    public async Task Redis_HoldsOnlyTheHashOfTheSessionId()
    {
        // Arrange
        await using var app = await StartAppAsync();
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        await PutAsync(client, "k", "v");
        var id = cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis);

        // Act
        var keys = new List<string>();
        foreach (var server in redis.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: "test:s:*").WithCancellation(Token))
            {
                keys.Add(key!);
            }
        }

        // Assert
        Assert.NotEmpty(keys);
        Assert.DoesNotContain(keys, k => k.Contains(id, StringComparison.Ordinal));
        Assert.Contains(keys, k => k.Contains(SessionApp.Sessions.Storage.SessionIds.ToHandle(id), StringComparison.Ordinal));
    }

    /// <summary>Cookies of every kind an attacker or a broken client sends: random, truncated, bit-flipped, oversized, garbage.</summary>
    private static string Forge(string genuine, int i) => (i % 6) switch
    {
        0 => Base64Url(RandomNumberGenerator.GetBytes(32)),
        1 => genuine[..^((i % 10) + 1)],
        2 => FlipOneCharacter(genuine, i),
        3 => genuine + "AA",
        4 => Convert.ToHexString(RandomNumberGenerator.GetBytes(i % 64 + 1)),
        _ => Uri.EscapeDataString("%{}\"\\<script>" + new string('\u00e9', i % 20)),
    };

    private static string FlipOneCharacter(string text, int i)
    {
        var chars = text.ToCharArray();
        var at = i % chars.Length;
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    protected sealed record ProblemView(string? Title, string? Detail, int? Status);
}
