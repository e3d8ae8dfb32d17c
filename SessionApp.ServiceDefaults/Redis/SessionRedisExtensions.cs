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
    /// Registers one shared <see cref="IConnectionMultiplexer"/> singleton for <c>ConnectionStrings:{connectionName}</c>
    /// (connected asynchronously as the host starts, which waits for it at most
    /// <see cref="SessionRedisOptions.InitialConnectWait"/>; <c>AbortOnConnectFail=false</c>, so a Redis that is down
    /// does not stop start-up; <see cref="BacklogPolicy.FailFast"/>; timeouts from <see cref="SessionRedisOptions"/>),
    /// validates the options at start-up (a missing connection string stops start-up with a message naming its key)
    /// and adds the <c>redis</c> readiness health check (PING with a bounded timeout). The multiplexer replaces one
    /// registered before it, so the service, its health check and its data protection share one connection; calling
    /// this again, with any name, changes nothing.
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
        builder.Services.TryAddSingleton<RedisConnection>();
        builder.Services.AddHostedService<RedisConnectionStarter>();

        // Consumers that resolve the multiplexer while the first attempt is under way wait for it (at most ~2x ConnectTimeout).
        builder.Services.AddSingleton<IConnectionMultiplexer>(static services =>
            services.GetRequiredService<RedisConnection>().GetAsync().GetAwaiter().GetResult());

        builder.Services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);

        return builder;
    }
}
