using Microsoft.Extensions.Options;

namespace SessionApp.Tests.ServiceDefaults;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task Start_ConnectionStringMissing_FailsNamingTheKey()
    {
        // Arrange
        await using var app = ServiceDefaultsApp.Build(Settings.For(connectionString: null));

        // Act
        var exception = await Record.ExceptionAsync(() => app.StartAsync(TestContext.Current.CancellationToken)
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken));

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(exception);
        Assert.Contains("ConnectionStrings:sessions", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SeveralBadRedisSettings_ReportsEveryKeyAtOnce()
    {
        // Arrange
        await using var app = ServiceDefaultsApp.Build(Settings.For(
            connectionString: "",
            ("Redis:SyncTimeout", "-00:00:01"),
            ("Redis:HealthCheckTimeout", "00:00:00")));

        // Act
        var exception = await Record.ExceptionAsync(() => app.StartAsync(TestContext.Current.CancellationToken)
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken));

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(exception);
        Assert.Equal(3, validation.Failures.Count());
        Assert.Contains(validation.Failures, f => f.Contains("ConnectionStrings:sessions", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, f => f.Contains("Redis:SyncTimeout", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, f => f.Contains("Redis:HealthCheckTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_BadTrustedProxies_FailsNamingEachEntry()
    {
        // Arrange
        await using var app = ServiceDefaultsApp.Build(Settings.For(
            "127.0.0.1:1",
            ("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/16"),
            ("ForwardedHeaders:KnownNetworks:1", "not-a-network"),
            ("ForwardedHeaders:KnownProxies:0", "10.0.0.300"),
            ("ForwardedHeaders:ForwardLimit", "0"),
            ("ForwardedHeaders:ProxySecret", "too-short-to-guard-anything")));

        // Act
        var exception = await Record.ExceptionAsync(() => app.StartAsync(TestContext.Current.CancellationToken)
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken));

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(exception);
        Assert.Equal(4, validation.Failures.Count());
        Assert.Contains(validation.Failures, f => f.Contains("ForwardedHeaders:KnownNetworks:1", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, f => f.Contains("ForwardedHeaders:KnownProxies:0", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, f => f.Contains("ForwardedHeaders:ForwardLimit", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, f => f.Contains("ForwardedHeaders:ProxySecret", StringComparison.Ordinal));
        Assert.DoesNotContain(validation.Failures, f => f.Contains("too-short-to-guard-anything", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_UnparsableConnectionString_FailsWithoutEchoingPassword()
    {
        // Arrange
        await using var app = ServiceDefaultsApp.Build(Settings.For("127.0.0.1:6379,password=hunter2,nonsense=yes"));

        // Act
        var exception = await Record.ExceptionAsync(() => app.StartAsync(TestContext.Current.CancellationToken)
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken));

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(exception);
        Assert.Contains("ConnectionStrings:sessions", validation.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BlankDataProtectionSettings_FailsNamingBothKeys()
    {
        // Arrange
        await using var app = ServiceDefaultsApp.Build(Settings.For(
            "127.0.0.1:1",
            ("DataProtection:ApplicationName", " "),
            ("DataProtection:RedisKey", " ")));

        // Act
        var exception = await Record.ExceptionAsync(() => app.StartAsync(TestContext.Current.CancellationToken)
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken));

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(exception);
        Assert.Contains(validation.Failures, f => f.Contains("DataProtection:ApplicationName", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, f => f.Contains("DataProtection:RedisKey", StringComparison.Ordinal));
    }
}
