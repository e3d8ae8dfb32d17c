using System.Net;
using System.Net.Http.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>The sign-in throttle's script on embedded Garnet, the store the AppHost runs when redis-server is missing.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class LoginThrottleGarnetTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_OnGarnet_LocksOutTheGuessingClientOnly()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(garnet.ConnectionString, new Dictionary<string, string?> { ["LoginThrottle:Lockout"] = "00:00:02" });
        var (guesser, _, _) = apis.CreateBrowser();
        var (owner, _, _) = apis.CreateBrowser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await LoginFromAsync(guesser, "bob", "wrong");
            statuses.Add(failed.StatusCode);
        }

        // Act
        using var locked = await LoginFromAsync(guesser, "bob", "bob-pass-1");
        using var fromOwner = await owner.LoginAsync("bob", "bob-pass-1");

        // Assert
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), locked.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, fromOwner.StatusCode);
    }

    private static async Task<HttpResponseMessage> LoginFromAsync(HttpClient client, string userName, string password)
    {
        // As the load balancer forwards a client's request.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100.20");
        request.Headers.TryAddWithoutValidation(TrustedProxy.Header, TrustedProxy.Secret);
        return await client.SendAsync(request, Token);
    }
}
