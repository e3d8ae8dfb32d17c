using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
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
    /// and encrypts new keys' payloads with AES-256-GCM. Calls <see cref="SessionRedisExtensions.AddSessionRedis"/>.
    /// </summary>
    /// <remarks>
    /// AES-256-GCM works on Linux with .NET 10 (the managed <c>AesGcm</c> encryptor; the tests round-trip a payload
    /// between two instances with it). Keys already in the ring keep the algorithm they were created with.
    /// The keys are stored in Redis without an XML encryptor (data protection logs a warning once when it creates a
    /// key): Redis must be private, reached over TLS with an ACL user, and encrypted at rest, as MemoryDB is.
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

        builder.Services.AddDataProtection()
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
            {
                EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
                ValidationAlgorithm = ValidationAlgorithm.HMACSHA256,
            });

        builder.Services.AddOptions<DataProtectionOptions>()
            .Configure<IOptions<SessionDataProtectionOptions>>((options, session) =>
                options.ApplicationDiscriminator = session.Value.ApplicationName);

        // The key ring is read through the shared connection once it exists; until then a read fails at once
        // (and is retried on next use) instead of holding up start-up or a request.
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<RedisConnection, IOptions<SessionDataProtectionOptions>>((options, connection, session) =>
                options.XmlRepository = new RedisXmlRepository(
                    () => connection.TryGet()?.GetDatabase() ?? throw new InvalidOperationException(
                        "The data protection key ring cannot be read: the first Redis connection attempt is still under way."),
                    session.Value.RedisKey));

        return builder;
    }
}
