using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SessionApp.Tests.ServiceDefaults;

public sealed class SessionRedisOptionsTests
{
    [Fact]
    public async Task ConfigurationOptions_MemoryDbStyleConnectionString_AspireParsesItAndTheFailFastBudgetApplies()
    {
        // Arrange
        const string ConnectionString = "clustercfg.x.memorydb.us-east-1.amazonaws.com:6379,ssl=true,user=app,password=secret";
        await using var app = ServiceDefaultsApp.Build(Settings.For(ConnectionString, ("Redis:SyncTimeout", "00:00:03")));

        // Act: the options Aspire's AddRedisClient connects with
        var configuration = app.Services.GetRequiredService<IOptions<ConfigurationOptions>>().Value;

        // Assert
        Assert.True(configuration.Ssl);
        Assert.Equal("app", configuration.User);
        Assert.Equal("secret", configuration.Password);
        Assert.Equal("clustercfg.x.memorydb.us-east-1.amazonaws.com:6379", EndPointCollection.ToString(Assert.Single(configuration.EndPoints)));
        Assert.False(configuration.AbortOnConnectFail);
        Assert.Same(BacklogPolicy.FailFast, configuration.BacklogPolicy);
        Assert.Equal(3_000, configuration.SyncTimeout);
        Assert.Equal(2_000, configuration.AsyncTimeout);
        Assert.Equal(5_000, configuration.ConnectTimeout);
    }

    [Fact]
    public async Task Resolve_ConnectionMultiplexerTwice_ReturnsOneSharedInstance()
    {
        // Arrange
        await using var redis = await Infrastructure.RedisServerProcess.StartAsync();
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(redis));

        // Act
        var first = app.Services.GetRequiredService<IConnectionMultiplexer>();
        await using var scope = app.Services.CreateAsyncScope();
        var second = scope.ServiceProvider.GetRequiredService<IConnectionMultiplexer>();

        // Assert
        Assert.Same(first, second);
        Assert.True(await first.GetDatabase().StringSetAsync("tests:shared", "1").WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken));
    }
}
