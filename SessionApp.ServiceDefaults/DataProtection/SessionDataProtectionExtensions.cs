using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SessionApp.ServiceDefaults.DataProtection;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>Keeps the data protection key ring in the shared Redis.</summary>
public static class SessionDataProtectionExtensions
{
    /// <summary>
    /// Persists data protection keys in the shared Redis (list <c>sessionapp:dataprotection-keys</c>) under one
    /// application name (<c>SessionApp</c>), both configurable through <see cref="SessionDataProtectionOptions"/>,
    /// and encrypts new keys' payloads with AES-256-GCM. Calls <see cref="SessionRedisExtensions.AddSessionRedis"/>.
    /// </summary>
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

        // The multiplexer is resolved when the key ring is first read, not when the options are built.
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider, IOptions<SessionDataProtectionOptions>>((options, services, session) =>
                options.XmlRepository = new RedisXmlRepository(
                    () => services.GetRequiredService<IConnectionMultiplexer>().GetDatabase(),
                    session.Value.RedisKey));

        return builder;
    }
}
