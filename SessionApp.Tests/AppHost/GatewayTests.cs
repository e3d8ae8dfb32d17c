using SessionApp.AppHost.Testing;

namespace SessionApp.Tests.AppHost;

[Collection(EndToEndGroup.Name)]
public sealed class GatewayTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Gateway_TwentyRequests_ServedByBothWebAndBothApiReplicas()
    {
        // Arrange
        await using var app = await TestTopology.StartAsync(output);
        using var client = app.CreateHttpClient("gateway");
        var webInstances = new HashSet<string>();
        var apiInstances = new HashSet<string>();

        // Act
        for (var i = 0; i < 20; i++)
        {
            var path = i % 2 == 0 ? TestTopology.WebPath : TestTopology.ApiPath;
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken).WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(TestTopology.Instance(response), body);
            (i % 2 == 0 ? webInstances : apiInstances).Add(body);
        }

        // Assert
        Assert.Equal(["web-1", "web-2"], webInstances.Order());
        Assert.Equal(["api-1", "api-2"], apiInstances.Order());
    }
}
