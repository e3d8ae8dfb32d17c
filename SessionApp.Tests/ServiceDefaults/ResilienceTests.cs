using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.ServiceDefaults;

public sealed class ResilienceTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public ResilienceTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task GetAsync_ApiAnswers503Once_StandardHandlerRetriesAndSucceeds()
    {
        // Arrange
        var calls = 0;
        await using var api = await PlainApp.StartAsync(app => app.MapGet("/flaky", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ok")));
        await using var caller = await ServiceDefaultsApp.StartAsync(Settings.For(
            _redis.Server, ("services:api:http:0", api.Urls.Single())));
        var client = caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient("any-named-client");

        // Act
        using var response = await client.GetAsync(new Uri("http://api/flaky"), TestContext.Current.CancellationToken)
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Volatile.Read(ref calls));
    }
}
