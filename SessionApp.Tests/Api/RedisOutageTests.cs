using System.Net;
using System.Text.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>Redis goes away under a running API: session endpoints answer 503 problem details with Retry-After, then recover.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class RedisOutageTests
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SessionEndpoints_RedisStopped_Answer503WithRetryAfter_AndWorkWhenItIsBack()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync(appendOnly: true);
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (client, _, _) = apis.CreateBrowser();
        var (_, anonymous, _) = apis.CreateBrowser();
        await client.SignInAsync("bob", "bob-pass-1");
        using var added = await client.AddToCartAsync("TEA-GREEN", 2);

        // Act
        await redis.StopAsync();
        var outage = new List<HttpResponseMessage>
        {
            await client.GetAsync("/api/session", Token),
            await client.GetAsync("/api/cart", Token),
            await client.AddToCartAsync("TEA-GREEN", 1),
            await client.GetAsync("/api/auth/me", Token),
            await anonymous.LoginAsync("bob", "bob-pass-1"),
        };
        var bodies = await Task.WhenAll(outage.Select(r => r.Content.ReadAsStringAsync(Token)));
        await redis.StartAsync();
        var recovered = await PollUntilOkAsync(client, "/api/cart");

        // Assert
        Assert.All(outage, response =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 carries Retry-After");
        });
        Assert.All(bodies, body => Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32()));
        Assert.Equal(2, recovered.GetProperty("totalQuantity").GetInt32());
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync("/api/auth/me"));
        outage.ForEach(response => response.Dispose());
    }

    private static async Task<JsonElement> PollUntilOkAsync(HttpClient client, string path)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(RecoveryTimeout);
        while (true)
        {
            using var response = await client.GetAsync(path, timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token)).RootElement.Clone();
            }

            await Task.Delay(200, timeout.Token);
        }
    }
}
