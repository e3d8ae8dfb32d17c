using System.Security.Cryptography;
using Amazon.KeyManagementService.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>
/// The key ring protected at rest by AWS KMS (<c>DataProtection:KmsKeyId</c>), through the real AWS SDK client and
/// moto's KMS, which really encrypts and authenticates the encryption context with the ciphertext.
/// </summary>
public sealed class DataProtectionKmsTests : IClassFixture<RedisFixture>, IClassFixture<MotoServer>, IAsyncLifetime
{
    private const string Purpose = "SessionApp.Tests.DataProtection";
    private readonly RedisFixture _redis;
    private readonly MotoServer _kms;

    public DataProtectionKmsTests(RedisFixture redis, MotoServer kms) => (_redis, _kms) = (redis, kms);

    public async ValueTask InitializeAsync() => await _kms.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Protect_WithKmsKey_StoresTheKeyEncryptedByKmsAndAnotherInstanceReadsIt()
    {
        // Arrange: two Production instances sharing a ring, the key named by its alias
        var arn = await _kms.CreateKeyAsync("sessionapp-data-protection");
        var ring = $"tests:dp:{Guid.NewGuid():N}";
        await using var first = await StartAsync(ring, "alias/sessionapp-data-protection");
        await using var second = await StartAsync(ring, "alias/sessionapp-data-protection");

        // Act
        var protectedValue = Protector(first).Protect("cookie payload");
        var unprotected = Protector(second).Unprotect(protectedValue);
        var stored = await first.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .ListRangeAsync(ring).WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken);

        // Assert: the stored key holds KMS's ciphertext and the key's ARN, not the key material
        Assert.Equal("cookie payload", unprotected);
        var xml = Assert.Single(stored).ToString();
        Assert.Contains("<encryptedKey xmlns=\"\">", xml, StringComparison.Ordinal);
        Assert.Contains($"<kmsKeyArn>{arn}</kmsKeyArn>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("unencrypted form", xml, StringComparison.Ordinal);
        var requests = await _kms.RequestsAsync();
        var encrypt = Assert.Single(requests, r => r.Operation == "Encrypt");
        Assert.Equal("alias/sessionapp-data-protection", (string?)encrypt.Body["KeyId"]);
        Assert.Equal("data-protection-key-ring", (string?)encrypt.Body["EncryptionContext"]?["sessionapp:purpose"]);
        Assert.Equal("SessionApp", (string?)encrypt.Body["EncryptionContext"]?["sessionapp:application"]);
        var decrypt = Assert.Single(requests, r => r.Operation == "Decrypt");
        Assert.Equal(arn, (string?)decrypt.Body["KeyId"]);
    }

    [Fact]
    public async Task ReadRing_ByAnotherApplicationName_KmsRefusesTheKeyForItsEncryptionContext()
    {
        // Arrange: the same ring and KMS key, but an instance of another application (another encryption context)
        var arn = await _kms.CreateKeyAsync();
        var ring = $"tests:dp:{Guid.NewGuid():N}";
        await using var owner = await StartAsync(ring, arn);
        await using var other = await StartAsync(ring, arn, ("DataProtection:ApplicationName", "Other"));
        var protectedValue = Protector(owner).Protect("cookie payload");

        // Act
        var failure = Record.Exception(() => Protector(other).Unprotect(protectedValue));

        // Assert
        Assert.IsType<CryptographicException>(failure, exactMatch: false);
        Assert.Contains(await _kms.RequestsAsync(), r => r.Operation == "Decrypt" && (string?)r.Body["EncryptionContext"]?["sessionapp:application"] == "Other");
        // KMS's answer to that Decrypt: the ciphertext does not authenticate under the other context.
        Assert.Contains(Chain(failure!), e => e is InvalidCiphertextException);
    }

    [Fact]
    public async Task Protect_WithAKeyKmsDoesNotHave_FailsNamingTheSettingAndKmsError()
    {
        // Arrange
        await using var app = await StartAsync($"tests:dp:{Guid.NewGuid():N}", "alias/missing");

        // Act
        var failure = Record.Exception(() => Protector(app).Protect("x"));

        // Assert
        Assert.NotNull(failure);
        var messages = string.Join(" | ", Chain(failure).Select(e => e.Message));
        Assert.Contains("DataProtection:KmsKeyId", messages, StringComparison.Ordinal);
        Assert.Contains("alias/missing", messages, StringComparison.Ordinal);
        Assert.Contains("NotFoundException", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_KmsKeyAndCertificateBothSet_FailsNamingBoth()
    {
        // Arrange
        using var certificate = KeyRingCertificateFile.Create();
        await using var app = ServiceDefaultsApp.Build(Settings.For(_redis.Server,
            ("DataProtection:AllowUnprotectedKeys", "false"), ("DataProtection:KmsKeyId", "alias/x"),
            ("DataProtection:CertificateBase64", certificate.Base64), ("DataProtection:CertificatePassword", KeyRingCertificateFile.Password)));

        // Act
        var failure = await SingleStartFailureAsync(app);

        // Assert
        Assert.Contains("DataProtection:KmsKeyId", failure, StringComparison.Ordinal);
        Assert.Contains("DataProtection:CertificateBase64", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_KmsServiceUrlNotAUrl_FailsNamingIt()
    {
        // Arrange
        await using var app = ServiceDefaultsApp.Build(Settings.For(_redis.Server,
            ("DataProtection:KmsKeyId", "alias/x"), ("DataProtection:KmsServiceUrl", "kms endpoint")));

        // Act
        var failure = await SingleStartFailureAsync(app);

        // Assert
        Assert.Contains("DataProtection:KmsServiceUrl", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_KmsServiceUrlWithoutKmsKeyId_FailsNamingBoth()
    {
        // Arrange: Development, where a plain ring is allowed, so only this mistake can stop it
        await using var app = ServiceDefaultsApp.Build(Settings.For(_redis.Server,
            ("DataProtection:KmsServiceUrl", _kms.Address.ToString())),
            configure: builder => builder.Environment.EnvironmentName = "Development");

        // Act
        var failure = await SingleStartFailureAsync(app);

        // Assert
        Assert.Contains("DataProtection:KmsServiceUrl", failure, StringComparison.Ordinal);
        Assert.Contains("DataProtection:KmsKeyId", failure, StringComparison.Ordinal);
    }

    /// <summary>Starts <paramref name="app"/>, which must fail options validation with exactly one message; returns it.</summary>
    private static async Task<string> SingleStartFailureAsync(WebApplication app)
    {
        var exception = await Record.ExceptionAsync(() => app.StartAsync(TestContext.Current.CancellationToken)
            .WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken));
        return Assert.Single(Assert.IsType<OptionsValidationException>(exception).Failures);
    }

    private Task<ServiceDefaultsApp> StartAsync(string ring, string keyId, params (string Key, string? Value)[] extra) =>
        ServiceDefaultsApp.StartAsync(
            Settings.For(_redis.Server, [("DataProtection:RedisKey", ring), ("DataProtection:AllowUnprotectedKeys", "false"), ("DataProtection:KmsKeyId", keyId), .. extra]),
            configure: builder => builder.Services.AddSingleton(AwsClients.Kms(_kms.Address)));

    private static IDataProtector Protector(ServiceDefaultsApp app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
