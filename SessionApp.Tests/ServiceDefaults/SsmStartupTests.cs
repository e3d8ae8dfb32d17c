using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionApp.Aws;
using SessionApp.ServiceDefaults.Configuration;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>A service started with <c>AddServiceDefaults</c>, <c>AddSessionRedis</c> and <c>Ssm:Path</c>, as the ECS task starts: everything else comes from SSM (moto's).</summary>
public sealed class SsmStartupTests(MotoServer moto) : IClassFixture<MotoServer>, IAsyncLifetime
{
    private const string Path = "/sessionapp/test/";

    public async ValueTask InitializeAsync() => await moto.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private WebApplication Build()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Ssm:Path"] = Path });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddSsmParameterStore(source => source.CreateClient = () => AwsClients.Ssm(moto.Address));
        builder.AddServiceDefaults();
        // The shared Redis connection is the sessions' part now (AddSessionAppSessions calls it), not ServiceDefaults'.
        builder.AddSessionRedis();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }

    private async Task DescribeAsync(int port, string user, bool tls = false, string password = "pw-from-secrets-manager-0123456789")
    {
        await moto.PutParameterAsync(Path + "MemoryDb/Endpoint", "127.0.0.1");
        await moto.PutParameterAsync(Path + "MemoryDb/Port", port.ToString(CultureInfo.InvariantCulture));
        await moto.PutParameterAsync(Path + "MemoryDb/User", user);
        await moto.PutParameterAsync(Path + "MemoryDb/Tls", tls ? "true" : "false");
        await moto.PutParameterAsync(Path + "MemoryDb/PasswordSecret", "sessionapp/test/memorydb-password");
        await moto.CreateSecretAsync("sessionapp/test/memorydb-password", password);
    }

    [Fact]
    public async Task Start_WithSsmPathToAMemoryDbLikeServer_IsHealthyOverTlsAsThePublishedUser()
    {
        // Arrange: TLS only, the default user off, the ACL user with exactly the access string the stack publishes.
        await using var redis = await MemoryDbLikeRedisProcess.StartAsync(new MemoryDbLikeUsers(MemoryDbAccessString.For("sessionapp")));
        await DescribeAsync(redis.Port, redis.Users.AppUser, tls: true, password: redis.Users.AppPassword);
        await using var app = Build();

        // Act
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        await Poll.UntilStatusAsync(client, "/health", HttpStatusCode.OK, ServiceDefaultsApp.StepTimeout);
        var health = await client.GetStringAsync("/health", TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("\"redis\":\"Healthy\"", health, StringComparison.Ordinal);
        Assert.True(app.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Start_WithSsmPath_ConnectsAsTheUserTheParametersNameWithThePasswordFromTheSecret()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync(false, "--user", "sessionapp-test-app", "on", ">pw-from-secrets-manager-0123456789", "~*", "+@all");
        await DescribeAsync(redis.Port, "sessionapp-test-app");
        await using var app = Build();

        // Act
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var whoAmI = await app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().ExecuteAsync("ACL", "WHOAMI")
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken);
        using var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("sessionapp-test-app", whoAmI.ToString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Single(app.Services.GetRequiredService<IConfiguration>().AsEnumerable(), pair => pair.Key == "ConnectionStrings:sessions");
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Start_RequiredParameterMissing_StopsWithOneMessageNamingIt()
    {
        // Arrange
        await DescribeAsync(6379, "sessionapp-test-app");
        await moto.DeleteParameterAsync(Path + "MemoryDb/User");

        // Act
        var error = Assert.Throws<SsmParameterStoreException>(() => Build());

        // Assert
        Assert.Equal("Required SSM parameter '/sessionapp/test/MemoryDb/User' is missing (Ssm:Path is '/sessionapp/test/').", error.Message);
    }
}
