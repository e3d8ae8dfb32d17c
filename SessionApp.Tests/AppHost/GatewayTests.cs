using System.Net;
using System.Net.Http.Json;
using SessionApp.Tests.Api;

namespace SessionApp.Tests.AppHost;

[Collection(EndToEndGroup.Name)]
public sealed class GatewayTests(TopologyFixture topology, ITestOutputHelper output) : IClassFixture<TopologyFixture>
{
    private DistributedApplication App => topology.App;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gateway_SignedInUser_RequestsServedByEveryReplicaWithTheSessionOnEachOne()
    {
        // Arrange
        using var client = await TestTopology.SignedInClientAsync(App);
        var webInstances = new HashSet<string>();
        var apiInstances = new HashSet<string>();
        var signedInEverywhere = true;

        // Act: the gateway balances per request; 40 requests leave each of two replicas unseen with odds below 2^-19
        for (var i = 0; i < 40; i++)
        {
            var toWeb = i % 2 == 0;
            using var response = await client.GetAsync(toWeb ? TestTopology.WebPath : TestTopology.ApiPath, Token)
                .WaitAsync(TestTopology.StepTimeout, Token);
            signedInEverywhere &= await TestTopology.ShowsSignedInUserAsync(response);
            (toWeb ? webInstances : apiInstances).Add(TestTopology.Instance(response));
        }

        // Assert
        output.WriteLine($"web: {string.Join(", ", webInstances)}; api: {string.Join(", ", apiInstances)}");
        Assert.True(signedInEverywhere, "every replica of web and api saw the signed-in session");
        Assert.Equal(2, webInstances.Count);
        Assert.Equal(2, apiInstances.Count);
        Assert.All(webInstances, name => Assert.StartsWith("web-", name, StringComparison.Ordinal));
        Assert.All(apiInstances, name => Assert.StartsWith("api-", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gateway_Request_ForwardsClientAddressSchemeAndHostToTheReplica()
    {
        // Arrange
        using var client = await TestTopology.SignedInClientAsync(App);

        // Act: the API lists this session with the client address it saw
        var sessions = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/sessions", Token).WaitAsync(TestTopology.StepTimeout, Token);

        // Assert: the address is the client's (loopback), not absent, because the replica trusted X-Forwarded-For
        output.WriteLine(sessions.ToString());
        Assert.Contains("127.0.0.1", sessions.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_ChunkedBodyOverTheLimit_AnswersProblemDetails413()
    {
        // Arrange
        using var client = await TestTopology.SignedInClientAsync(App);
        using var content = new ChunkedJsonContent($"{{\"value\":\"{new string('x', 2 * 1024 * 1024)}\"}}");

        // Act
        using var response = await client.PutAsync("/api/session/items/big", content, Token).WaitAsync(TestTopology.StepTimeout, Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        // Assert
        output.WriteLine(body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":413", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_AnnouncedBodyOverTheLimit_AnswersProblemDetails413WithoutForwarding()
    {
        // Arrange
        using var client = await TestTopology.SignedInClientAsync(App);
        using var content = new ByteArrayContent(new byte[(1024 * 1024) + 1]);
        content.Headers.ContentType = new("application/json");

        // Act
        using var response = await client.PutAsync("/api/session/items/big", content, Token).WaitAsync(TestTopology.StepTimeout, Token);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("X-Instance") && TestTopology.Instance(response).StartsWith("api-", StringComparison.Ordinal), "no api replica read the body");
    }
}
