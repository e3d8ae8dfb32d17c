namespace SessionApp.Tests.AppHost;

[Collection(EndToEndGroup.Name)]
public sealed class GatewayTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Gateway_SignedInUser_TwentyRequestsServedByEveryReplicaWithTheSessionOnEachOne()
    {
        // Arrange
        await using var app = await TestTopology.StartAsync(output);
        using var client = await TestTopology.SignedInClientAsync(app);
        var webInstances = new HashSet<string>();
        var apiInstances = new HashSet<string>();
        var signedInEverywhere = true;

        // Act: web, api, api, … — the two api requests in a row meet the round robin back to back (the web
        // replicas call the API through the gateway too)
        for (var i = 0; i < 20; i++)
        {
            var toWeb = i % 3 == 0;
            using var response = await client.GetAsync(toWeb ? TestTopology.WebPath : TestTopology.ApiPath, TestContext.Current.CancellationToken)
                .WaitAsync(TestTopology.StepTimeout, TestContext.Current.CancellationToken);
            signedInEverywhere &= await TestTopology.ShowsSignedInUserAsync(response);
            (toWeb ? webInstances : apiInstances).Add(TestTopology.Instance(response));
        }

        // Assert
        Assert.True(signedInEverywhere, "every replica of web and api saw the signed-in session");
        Assert.Equal(["web-1", "web-2"], webInstances.Order());
        Assert.Equal(["api-1", "api-2"], apiInstances.Order());
    }
}
