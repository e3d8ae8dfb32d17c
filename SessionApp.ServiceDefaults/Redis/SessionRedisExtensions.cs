using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SessionApp.ServiceDefaults.Health;
using SessionApp.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the one shared Redis connection of a service.</summary>
public static class SessionRedisExtensions
{
    /// <summary>
    /// Registers the service's one <see cref="IConnectionMultiplexer"/> through Aspire's
    /// <c>AddRedisClient(connectionName)</c> — the connection string from <c>ConnectionStrings:{connectionName}</c>
    /// (endpoints, <c>ssl</c>, <c>user</c>, <c>password</c>: MemoryDB's TLS and ACL user), StackExchange.Redis
    /// commands as OpenTelemetry spans — with SessionApp's fail-fast budget on top (<c>AbortOnConnectFail=false</c>,
    /// so a Redis that is down does not stop start-up; <see cref="BacklogPolicy.FailFast"/>; timeouts from
    /// <see cref="SessionRedisOptions"/>). It validates the options at start-up (a missing connection string stops
    /// start-up with a message naming its key), connects as the host starts (start-up waits for that first attempt,
    /// at most <see cref="SessionRedisOptions.ConnectTimeout"/>, so the data protection key ring is read over it) and adds the <c>redis</c> readiness check (PING with a
    /// bounded timeout, in place of Aspire's, which would wait for a first connect). The engine, the health check and
    /// the data protection key ring share this connection; calling this again, with any name, changes nothing.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="connectionName">The connection name; default <c>sessions</c>, the name the AppHost injects.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddSessionRedis(this IHostApplicationBuilder builder, string connectionName = "sessions")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        if (builder.Services.Any(static d => d.ServiceType == typeof(SessionRedisMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<SessionRedisMarker>();

        builder.Services.AddOptions<SessionRedisOptions>()
            .BindConfiguration(SessionRedisOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.ConnectionName = connectionName;
                options.ConnectionString = configuration.GetConnectionString(connectionName);
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionRedisOptions>, SessionRedisOptionsValidator>());

        builder.AddRedisClient(connectionName, settings => settings.DisableHealthChecks = true);
        builder.Services.AddOptions<ConfigurationOptions>()
            .PostConfigure<IOptions<SessionRedisOptions>>(static (configuration, options) => RedisConfiguration.Apply(configuration, options.Value));

        builder.Services.TryAddSingleton<RedisConnection>();
        builder.Services.AddHostedService<RedisConnectionStarter>();
        builder.Services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);

        return builder;
    }
}
