using System.Net;
using System.Net.Http.Json;
using SessionApp.AppHost.Orchestration;

namespace SessionApp.Tests.AppHost;

[Collection(EndToEndGroup.Name)]
public sealed class ResourcesViewTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ResourcesView_Json_ListsEveryReplicaWithStateAndProcessId()
    {
        // Arrange
        await using var app = await TestTopology.StartAsync(output);
        using var client = new HttpClient { BaseAddress = app.DashboardUrl, Timeout = TestTopology.StepTimeout };

        // Act
        var page = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var replicas = await client.GetFromJsonAsync<ReplicaSnapshot[]>("/api/resources", TestContext.Current.CancellationToken) ?? [];

        // Assert
        Assert.Contains("SessionApp resources", page, StringComparison.Ordinal);
        Assert.Equal(["sessions", "api-1", "api-2", "web-1", "web-2", "gateway"], replicas.Select(r => r.Name));
        Assert.All(replicas, r => Assert.Equal(ReplicaState.Healthy, r.State));
        Assert.All(replicas.Where(r => r.Resource is "api" or "web" or "sessions"), r => Assert.True(r.ProcessId > 0));
    }

    [Fact]
    public async Task ResourcesView_RestartFromAnotherOrigin_IsRefusedAndFromThePageRestartsTheReplica()
    {
        // Arrange
        await using var app = await TestTopology.StartAsync(output);
        using var client = new HttpClient { BaseAddress = app.DashboardUrl, Timeout = TestTopology.StepTimeout };
        var pidBefore = app.GetReplicas("api")[1].ProcessId;
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/resources/api/1/restart");
        forged.Headers.Add("Origin", "http://evil.example");
        forged.Headers.Add("X-AppHost-Command", "1");
        using var fromPage = new HttpRequestMessage(HttpMethod.Post, "/api/resources/api/1/restart");
        fromPage.Headers.Add("X-AppHost-Command", "1");

        // Act
        using var refused = await client.SendAsync(forged, TestContext.Current.CancellationToken);
        var pidAfterRefusal = app.GetReplicas("api")[1].ProcessId;
        using var accepted = await client.SendAsync(fromPage, TestContext.Current.CancellationToken);
        await app.WaitForHealthyAsync("api", 1, TestTopology.StepTimeout, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(pidBefore, pidAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.NotEqual(pidBefore, app.GetReplicas("api")[1].ProcessId);
    }
}
