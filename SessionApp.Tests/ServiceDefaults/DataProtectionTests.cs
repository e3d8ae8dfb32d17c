using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.ServiceDefaults;

public sealed class DataProtectionTests : IClassFixture<RedisFixture>
{
    private const string Purpose = "SessionApp.Tests.DataProtection";
    private readonly RedisFixture _redis;

    public DataProtectionTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Unprotect_ValueProtectedByAnotherInstance_ReturnsOriginal()
    {
        // Arrange
        var settings = Settings.For(_redis.Server, ("DataProtection:RedisKey", $"tests:dp:{Guid.NewGuid():N}"));
        await using var first = await ServiceDefaultsApp.StartAsync(settings);
        await using var second = await ServiceDefaultsApp.StartAsync(settings);
        var protectedValue = Protector(first).Protect("cookie payload");

        // Act
        var unprotected = Protector(second).Unprotect(protectedValue);

        // Assert
        Assert.Equal("cookie payload", unprotected);
    }

    [Fact]
    public async Task Unprotect_OtherApplicationName_Throws()
    {
        // Arrange
        var key = $"tests:dp:{Guid.NewGuid():N}";
        await using var first = await ServiceDefaultsApp.StartAsync(Settings.For(_redis.Server, ("DataProtection:RedisKey", key)));
        await using var other = await ServiceDefaultsApp.StartAsync(Settings.For(
            _redis.Server, ("DataProtection:RedisKey", key), ("DataProtection:ApplicationName", "SomethingElse")));
        var protectedValue = Protector(first).Protect("cookie payload");

        // Act
        var exception = Record.Exception(() => Protector(other).Unprotect(protectedValue));

        // Assert
        Assert.IsType<CryptographicException>(exception, exactMatch: false);
    }

    [Fact]
    public async Task Protect_DefaultSettings_StoresAes256GcmKeyUnderSessionAppKey()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(redis));

        // Act
        var roundTrip = Protector(app).Unprotect(Protector(app).Protect("x"));
        var keys = await app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .ListRangeAsync("sessionapp:dataprotection-keys").WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("x", roundTrip);
        var xml = Assert.Single(keys).ToString();
        Assert.Contains("<encryption algorithm=\"AES_256_GCM\" />", xml, StringComparison.Ordinal);
    }

    private static IDataProtector Protector(ServiceDefaultsApp app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
