using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.ServiceDefaults;

public sealed class ServiceDiscoveryTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public ServiceDiscoveryTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task GetAsync_HttpApiWithConfiguredEndpoint_ReachesThatServer()
    {
        // Arrange
        var marker = Guid.NewGuid().ToString("N");
        await using var api = await PlainApp.StartAsync(app => app.MapGet("/whoami", () => Results.Text(marker)));
        await using var caller = await ServiceDefaultsApp.StartAsync(Settings.For(
            _redis.Server, ("services:api:http:0", api.Urls.Single())));
        var client = caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        // Act
        var answer = await client.GetStringAsync(new Uri("http://api/whoami"), TestContext.Current.CancellationToken)
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(marker, answer);
    }
}
