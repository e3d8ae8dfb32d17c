using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.ServiceDefaults.Instance;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.ServiceDefaults;

public sealed class InstanceHeaderTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public InstanceHeaderTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Request_InstanceNameConfigured_HeaderAndServiceCarryIt()
    {
        // Arrange
        var name = $"web-{Guid.NewGuid():N}";
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(_redis.Server, ("Instance:Name", name)));

        // Act
        using var response = await app.Client.GetAsync("/alive", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(name, Assert.Single(response.Headers.GetValues("X-Instance")));
        Assert.Equal(name, app.Services.GetRequiredService<InstanceInfo>().Name);
    }

    [Fact]
    public async Task Request_OnlyOtelResourceInstanceId_HeaderCarriesIt()
    {
        // Arrange
        var id = $"task-{Guid.NewGuid():N}";
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(
            _redis.Server, ("OTEL_RESOURCE_ATTRIBUTES", $"deployment.environment=test,service.instance.id={id}")));

        // Act
        using var response = await app.Client.GetAsync("/alive", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(id, Assert.Single(response.Headers.GetValues("X-Instance")));
    }

    [Fact]
    public async Task Request_NoNameConfigured_HeaderIsMachineNameAndListeningPort()
    {
        // Arrange
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(_redis.Server));

        // Act
        using var response = await app.Client.GetAsync("/health", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal($"{Environment.MachineName}:{app.Address.Port}", Assert.Single(response.Headers.GetValues("X-Instance")));
    }

    [Fact]
    public async Task Request_ApplicationEndpointThatFails_StillCarriesHeader()
    {
        // Arrange
        await using var app = await ServiceDefaultsApp.StartAsync(
            Settings.For(_redis.Server, ("Instance:Name", "api-1")),
            map => map.MapGet("/missing-thing", () => Results.NotFound()));

        // Act
        using var response = await app.Client.GetAsync("/missing-thing", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("api-1", Assert.Single(response.Headers.GetValues("X-Instance")));
    }

    [Fact]
    public async Task Request_ApplicationEndpointThrows_ProblemDetails500CarriesHeader()
    {
        // Arrange
        await using var app = await ServiceDefaultsApp.StartAsync(
            Settings.For(_redis.Server, ("Instance:Name", "api-2")),
            map => map.MapGet("/boom", string () => throw new InvalidOperationException("boom")));

        // Act
        using var response = await app.Client.GetAsync("/boom", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("api-2", Assert.Single(response.Headers.GetValues("X-Instance")));
    }
}
