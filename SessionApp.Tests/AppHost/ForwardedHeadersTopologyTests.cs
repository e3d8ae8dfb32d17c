using System.Net;
using System.Net.Http.Json;

namespace SessionApp.Tests.AppHost;

/// <summary>
/// Forged forwarded headers against the running topology, as an attacker sends them: through the gateway, and
/// straight to a replica's own port. Neither gives a guesser a fresh sign-in budget, a chosen address or a scheme.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class ForwardedHeadersTopologyTests(TopologyFixture topology, ITestOutputHelper output) : IClassFixture<TopologyFixture>
{
    private DistributedApplication App => topology.App;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_ThroughGatewayWithRotatingForwardedFor_ThrottledAsOneClient()
    {
        // Arrange: a new X-Forwarded-For on every guess, as if each came from another client
        using var client = new HttpClient { BaseAddress = App.GetEndpoint("gateway", "http"), Timeout = TestTopology.StepTimeout };
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 8; i++)
        {
            statuses.Add(await LoginAsync(client, "bob", "guess-" + i, $"198.51.100.{i}"));
        }

        // Act: the right password, from yet another claimed address
        var last = await LoginAsync(client, "bob", "bob-pass-1", "198.51.100.99");

        // Assert: five failures, then the lock-out, the right password included
        output.WriteLine(string.Join(", ", statuses));
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }

    [Fact]
    public async Task SignIn_ThroughGatewayWithForgedForwardedFor_ApiSeesTheRealClientAddress()
    {
        // Arrange
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = App.GetEndpoint("gateway", "http"),
            Timeout = TestTopology.StepTimeout,
        };
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(client, TestTopology.UserName, TestTopology.Password, "6.6.6.6"));

        // Act: the device list shows the address the API recorded for this session
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        using var response = await client.SendAsync(request, Token).WaitAsync(TestTopology.StepTimeout, Token);
        var sessions = await response.Content.ReadAsStringAsync(Token);

        // Assert
        output.WriteLine(sessions);
        Assert.Contains("127.0.0.1", sessions, StringComparison.Ordinal);
        Assert.DoesNotContain("6.6.6.6", sessions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_StraightToAReplicaWithRotatingForwardedFor_ThrottledAsOneClient()
    {
        // Arrange: past the gateway, to one replica's own port
        using var client = new HttpClient { BaseAddress = ReplicaAddress("api"), Timeout = TestTopology.StepTimeout };
        var statuses = new List<HttpStatusCode>();

        // Act
        for (var i = 1; i <= 8; i++)
        {
            statuses.Add(await LoginAsync(client, "mallory", "guess-" + i, $"198.51.100.{i}"));
        }

        // Assert
        output.WriteLine(string.Join(", ", statuses));
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
    }

    [Fact]
    public async Task SignIn_StraightToAReplicaWithForgedAddressAndScheme_CookieNotSecureAndAddressReal()
    {
        // Arrange
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = ReplicaAddress("api"), Timeout = TestTopology.StepTimeout };
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { userName = TestTopology.UserName, password = TestTopology.Password }),
        };
        login.Headers.Add("X-Forwarded-For", "6.6.6.6");
        login.Headers.Add("X-Forwarded-Proto", "https");
        login.Headers.Add("X-Forwarded-Host", "evil.example");

        // Act
        using var signedIn = await client.SendAsync(login, Token).WaitAsync(TestTopology.StepTimeout, Token);
        var setCookies = signedIn.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToArray() : [];
        var sessions = await client.GetStringAsync("/api/sessions", Token).WaitAsync(TestTopology.StepTimeout, Token);

        // Assert: plain http from loopback, as the connection was: no Secure flag, no __Host- name, the real address
        output.WriteLine(string.Join(Environment.NewLine, setCookies));
        output.WriteLine(sessions);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.NotEmpty(setCookies);
        Assert.All(setCookies, c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(setCookies, c => Assert.False(c.StartsWith("__Host-", StringComparison.Ordinal), c));
        Assert.Contains("127.0.0.1", sessions, StringComparison.Ordinal);
        Assert.DoesNotContain("6.6.6.6", sessions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateChange_StraightToAReplicaFromForeignOriginWithForgedHostAndScheme_Refused()
    {
        // Arrange: a page on evil.example claims, through the forwarded headers, to be this site
        using var client = new HttpClient { BaseAddress = ReplicaAddress("api"), Timeout = TestTopology.StepTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "evil.example");

        // Act
        using var response = await client.SendAsync(request, Token).WaitAsync(TestTopology.StepTimeout, Token);

        // Assert: the request's own scheme and host stand, so the origin is foreign
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<HttpStatusCode> LoginAsync(HttpClient client, string userName, string password, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request, Token).WaitAsync(TestTopology.StepTimeout, Token);
        return response.StatusCode;
    }

    /// <summary>The address one replica of <paramref name="resourceName"/> listens on itself (not the orchestrator's proxy).</summary>
    private Uri ReplicaAddress(string resourceName)
    {
        var replica = TestTopology.Replicas(App, resourceName).Values.First();
        var urls = replica.EnvironmentVariables.FirstOrDefault(e => e.Name == "ASPNETCORE_URLS")?.Value;
        output.WriteLine($"{resourceName} replica: ASPNETCORE_URLS={urls}; urls: {string.Join(", ", replica.Urls.Select(u => u.Url))}");
        Assert.False(string.IsNullOrEmpty(urls), "the replica's snapshot names its own address");
        var address = new Uri(urls.Split(';')[0]);
        Assert.NotEqual(App.GetEndpoint(resourceName, "http").Port, address.Port);
        return address;
    }
}
