using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionApp.Sessions;
using SessionApp.Sessions.Authentication;
using SessionApp.Sessions.Configuration;
using SessionApp.Sessions.Protection;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Users;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis session engine.</summary>
public static class RedisSessionServiceCollectionExtensions
{
    /// <summary>
    /// Adds server-side sessions in Redis: the drop-in for <c>AddSession()</c>. Options bind from the
    /// <c>Sessions</c> section and are validated at start-up. Redis is the <see cref="IConnectionMultiplexer"/>
    /// registered in the container, the application's one connection (ServiceDefaults' <c>AddSessionRedis</c>).
    /// </summary>
    public static RedisSessionsBuilder AddRedisSessions(this IServiceCollection services, Action<RedisSessionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RedisSessionOptions>().BindConfiguration(RedisSessionOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisSessionOptions>, RedisSessionOptionsValidator>());
        services.AddDataProtection();
        services.TryAddSingleton(static provider => new SessionRedisConnection(provider.GetRequiredService<IConnectionMultiplexer>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => UserKeyHasher.FromOptions(provider.GetRequiredService<IOptions<RedisSessionOptions>>().Value));
        services.TryAddSingleton<RedisSessionStore>();
        services.TryAddSingleton<SessionUserIndex>();
        services.TryAddSingleton<ISessionManager>(provider => provider.GetRequiredService<SessionUserIndex>());
        services.TryAddSingleton(CreateCompressor);
        services.TryAddSingleton(CreateCodec);
        services.TryAddSingleton<SessionEngine>();
        return new RedisSessionsBuilder(services);
    }

    internal static void TryAddSingletonTicketStore(this IServiceCollection services) =>
        services.TryAddSingleton<RedisSessionTicketStore>();

    private static SessionValueCodec CreateCodec(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<RedisSessionOptions>>().Value;
        var environment = provider.GetService<IHostEnvironment>();
        var encrypt = options.EncryptValues ?? environment?.IsDevelopment() != true;
        var keys = options.EncryptionKeys.Select(text => EncryptionKey.TryParse(text, out var key, out _) ? key : null).OfType<EncryptionKey>().ToList();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("SessionApp.Sessions");
        Log.Encryption(logger, !encrypt ? "off" : keys.Count > 0 ? "AES-256-GCM (Sessions:EncryptionKeys)" : "ASP.NET Core Data Protection");

        return new SessionValueCodec(encrypt, keys, provider.GetRequiredService<IDataProtectionProvider>(), provider.GetRequiredService<SessionValueCompressor>());
    }

    private static SessionValueCompressor CreateCompressor(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<RedisSessionOptions>>().Value;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("SessionApp.Sessions");
        Log.Compression(logger, !options.CompressValues ? "off (compressed values are still read)" : options.CompressionDictionary is { } id ? $"zstd level {options.CompressionLevel} with dictionary {id}" : $"zstd level {options.CompressionLevel}");
        return new SessionValueCompressor(
            options.CompressValues,
            options.CompressionThreshold,
            options.CompressionLevel,
            options.CompressionDictionary,
            provider.GetServices<SessionCompressionDictionary>(),
            options.MaxValueBytes);
    }
}
