using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
    public async Task Start_FirstConnectSlowerThanTheStartupWait_ReadsTheKeyRingWithoutError()
    {
        // Arrange: Redis answers only after 2 s, longer than start-up waits for the connection (1 s) but within one
        // connect attempt (5 s), as a Redis on a machine busy starting a whole topology does.
        await using var redis = await RedisServerProcess.StartAsync();
        var logs = new RecordingLoggerProvider();
        var settings = Settings.For(redis);
        await using var frozen = await ProcessPause.StartAsync(redis.ProcessId!.Value);
        var resume = Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken).ContinueWith(_ => frozen.ResumeAsync(), TaskScheduler.Default).Unwrap();

        // Act
        await using var app = await ServiceDefaultsApp.StartAsync(settings, configure: builder => builder.Logging.AddProvider(logs));
        await resume;
        var roundTrip = Protector(app).Unprotect(Protector(app).Protect("cookie payload"));

        // Assert: the key ring was read once the connection was there, with no "An error occurred while reading the key ring".
        Assert.Equal("cookie payload", roundTrip);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
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

    [Fact]
    public async Task Protect_WithCertificate_StoresTheKeyEncryptedAndOnlyInstancesWithTheCertificateRead()
    {
        // Arrange: one instance with the certificate as a file, one with it as base64 (and, later, one without it)
        using var certificate = KeyRingCertificateFile.Create();
        var key = $"tests:dp:{Guid.NewGuid():N}";
        await using var first = await ServiceDefaultsApp.StartAsync(Settings.For(
            _redis.Server, ("DataProtection:RedisKey", key), ("DataProtection:AllowUnprotectedKeys", "false"),
            ("DataProtection:CertificatePath", certificate.Path), ("DataProtection:CertificatePassword", KeyRingCertificateFile.Password)));
        await using var second = await ServiceDefaultsApp.StartAsync(Settings.For(
            _redis.Server, ("DataProtection:RedisKey", key), ("DataProtection:AllowUnprotectedKeys", "false"),
            ("DataProtection:CertificateBase64", certificate.Base64), ("DataProtection:CertificatePassword", KeyRingCertificateFile.Password)));

        // Act
        var protectedValue = Protector(first).Protect("cookie payload");
        var unprotected = Protector(second).Unprotect(protectedValue);
        var ring = await first.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .ListRangeAsync(key).WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken);
        await using var without = await ServiceDefaultsApp.StartAsync(Settings.For(_redis.Server, ("DataProtection:RedisKey", key)));
        var withoutCertificate = Record.Exception(() => Protector(without).Unprotect(protectedValue));

        // Assert
        Assert.Equal("cookie payload", unprotected);
        Assert.IsType<CryptographicException>(withoutCertificate, exactMatch: false);
        var xml = Assert.Single(ring).ToString();
        Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("unencrypted form", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithoutKmsKeyOrCertificate_FailsNamingTheKeys()
    {
        // Arrange
        await using var app = ServiceDefaultsApp.Build(Settings.For(_redis.Server, ("DataProtection:AllowUnprotectedKeys", "false")));

        // Act
        var exception = await Record.ExceptionAsync(() => app.StartAsync(TestContext.Current.CancellationToken)
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken));

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(exception);
        var failure = Assert.Single(validation.Failures);
        Assert.Contains("DataProtection:KmsKeyId", failure, StringComparison.Ordinal);
        Assert.Contains("DataProtection:CertificatePath", failure, StringComparison.Ordinal);
        Assert.Contains("DataProtection:AllowUnprotectedKeys", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionExplicitlyAllowingUnprotectedKeys_StartsAndStoresThemPlain()
    {
        // Arrange
        var key = $"tests:dp:{Guid.NewGuid():N}";
        await using var app = await ServiceDefaultsApp.StartAsync(Settings.For(
            _redis.Server, ("DataProtection:RedisKey", key), ("DataProtection:AllowUnprotectedKeys", "true")));

        // Act
        Protector(app).Protect("x");
        var ring = await app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .ListRangeAsync(key).WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("unencrypted form", Assert.Single(ring).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-file")]
    [InlineData("wrong-password")]
    [InlineData("not-base64")]
    public async Task Start_UnusableCertificate_FailsNamingTheKeyWithoutThePassword(string problem)
    {
        // Arrange
        using var certificate = KeyRingCertificateFile.Create();
        var (key, value, password) = problem switch
        {
            "missing-file" => ("DataProtection:CertificatePath", certificate.Path + ".missing", KeyRingCertificateFile.Password),
            "wrong-password" => ("DataProtection:CertificatePath", certificate.Path, "hunter2-wrong"),
            _ => ("DataProtection:CertificateBase64", "not base64!", KeyRingCertificateFile.Password),
        };
        await using var app = ServiceDefaultsApp.Build(Settings.For(
            "127.0.0.1:1", (key, value), ("DataProtection:CertificatePassword", password)));

        // Act
        var exception = await Record.ExceptionAsync(() => app.StartAsync(TestContext.Current.CancellationToken)
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken));

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(exception);
        Assert.Contains(validation.Failures, failure => failure.StartsWith(key, StringComparison.Ordinal));
        Assert.DoesNotContain(password, validation.Message, StringComparison.Ordinal);
    }

    private static IDataProtector Protector(ServiceDefaultsApp app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
