using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Amazon.KeyManagementService;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SessionApp.ServiceDefaults.DataProtection;
using SessionApp.ServiceDefaults.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>Keeps the data protection key ring in the shared Redis.</summary>
public static class SessionDataProtectionExtensions
{
    /// <summary>
    /// Persists data protection keys in the shared Redis (list <c>sessionapp:dataprotection-keys</c>) under one
    /// application name (<c>SessionApp</c>), both configurable through <see cref="SessionDataProtectionOptions"/>,
    /// encrypts new keys' payloads with AES-256-GCM, and protects the keys themselves at rest with the AWS KMS key
    /// <c>DataProtection:KmsKeyId</c> or with the certificate from <c>DataProtection:CertificatePath</c> or
    /// <c>DataProtection:CertificateBase64</c> (XML encryption with its RSA key). Calls
    /// <see cref="SessionRedisExtensions.AddSessionRedis"/>.
    /// </summary>
    /// <remarks>
    /// Without either the keys are stored in plain form in the same Redis as the sessions they protect, so
    /// one dump holds ciphertext and key: Production then refuses to start unless
    /// <c>DataProtection:AllowUnprotectedKeys</c> is true; Development and other environments start (data
    /// protection logs a warning once when it creates a key). Keys already in the ring keep the protection (and the
    /// algorithm) they were created with: add a KMS key or a certificate, and the next key is protected.
    /// </remarks>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddSessionDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddSessionRedis();
        builder.Services.AddOptions<SessionDataProtectionOptions>()
            .BindConfiguration(SessionDataProtectionOptions.SectionName)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SessionDataProtectionOptions>, SessionDataProtectionOptionsValidator>());

        var dataProtection = builder.Services.AddDataProtection()
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
            {
                EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
                ValidationAlgorithm = ValidationAlgorithm.HMACSHA256,
            });

        builder.Services.AddOptions<DataProtectionOptions>()
            .Configure<IOptions<SessionDataProtectionOptions>>((options, session) =>
                options.ApplicationDiscriminator = session.Value.ApplicationName);

        // The key ring is read through the shared connection. Start-up waits for the first connect attempt before
        // data protection's first read (RedisConnectionStarter); should a read still find no connection, it fails at
        // once (and is retried on next use) instead of holding up a request.
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<RedisConnection, IOptions<SessionDataProtectionOptions>>((options, connection, session) =>
                options.XmlRepository = new RedisXmlRepository(
                    () => connection.TryGet()?.GetDatabase() ?? throw new InvalidOperationException(
                        "The data protection key ring cannot be read: the first Redis connection attempt is still under way."),
                    session.Value.RedisKey));

        // Which protection applies is decided as the services are registered. A KMS key and a certificate both set,
        // or a certificate that cannot be loaded, is reported by the options validator, which stops start-up naming
        // the keys.
        var configured = new SessionDataProtectionOptions();
        builder.Configuration.GetSection(SessionDataProtectionOptions.SectionName).Bind(configured);
        if (configured.HasKmsKey)
        {
            AddKmsProtection(builder.Services, protectNewKeys: !configured.HasCertificate);
        }
        else if (TryLoadCertificate(configured) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        return builder;
    }

    /// <summary>
    /// Registers the KMS client and protection. A method of its own, not inlined, so that the AWS SDK's assemblies
    /// are loaded only by an instance that uses KMS, not by every start-up that compiles the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddKmsProtection(IServiceCollection services, bool protectNewKeys)
    {
        // A client registered before (a test's, or one from AWSSDK.Extensions.NETCore.Setup) is used as it is.
        services.TryAddSingleton<IAmazonKeyManagementService>(provider => new AmazonKeyManagementServiceClient(
            KmsKeyRingProtection.ClientConfig(provider.GetRequiredService<IOptions<SessionDataProtectionOptions>>().Value.KmsServiceUrl)));
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SessionDataProtectionOptions>>().Value;
            return new KmsKeyRingProtection(provider.GetRequiredService<IAmazonKeyManagementService>(), options.KmsKeyId!, options.ApplicationName);
        });
        if (protectNewKeys)
        {
            services.AddOptions<KeyManagementOptions>()
                .Configure<KmsKeyRingProtection>((options, kms) => options.XmlEncryptor = new KmsXmlEncryptor(kms));
        }
    }

    private static X509Certificate2? TryLoadCertificate(SessionDataProtectionOptions options)
    {
        try
        {
            return KeyRingCertificate.Load(options);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
