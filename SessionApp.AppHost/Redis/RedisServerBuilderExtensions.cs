using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SessionApp.AppHost.Redis;

namespace Aspire.Hosting;

/// <summary>Adds the session store: <c>redis-server</c> from PATH, or embedded Garnet where there is none.</summary>
public static class RedisServerBuilderExtensions
{
    /// <summary>The configuration section that can steer the choice: <c>SessionStore</c>.</summary>
    public const string SectionName = "SessionStore";

    /// <summary>
    /// Adds a Redis server for the services that reference it. <c>redis-server</c> from PATH runs as an executable
    /// resource on a loopback port, with append-only persistence under <c>.data/{name}</c> beside the AppHost
    /// project (or <c>SessionStore:DataDirectory</c>), so data survives a restart of the server or the topology.
    /// Without <c>redis-server</c> an embedded Garnet server takes its place (in memory), so the AppHost needs nothing
    /// but the .NET SDK. <c>SessionStore:Server</c> = <c>redis</c> or <c>garnet</c> forces one. Either way the
    /// resource has a health check (PING), so services that <c>WaitFor</c> it start once it answers.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The resource name, which is also the connection name: <c>ConnectionStrings:{name}</c>.</param>
    /// <returns>The resource builder.</returns>
    public static IResourceBuilder<IResourceWithConnectionString> AddRedisServer(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var settings = builder.Configuration.GetSection(SectionName);
        var choice = SessionStoreSettings.ParseServer(settings["Server"]);
        var redisServer = ExecutablePath.Find("redis-server");
        if (choice == SessionStoreChoice.Garnet || (choice == SessionStoreChoice.Auto && redisServer is null))
        {
            return builder.AddGarnetServer(name);
        }

        if (redisServer is null)
        {
            throw new DistributedApplicationException(
                $"{SectionName}:Server is 'redis' but no redis-server is on PATH. Install it (apt-get install redis-server) or unset the setting to fall back to embedded Garnet.");
        }

        var dataDirectory = settings["DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.AppHostDirectory)
            : Path.Combine(builder.AppHostDirectory, ".data", name);
        Directory.CreateDirectory(dataDirectory);

        var resource = new RedisServerResource(name, redisServer, dataDirectory);

        return builder.AddResource(resource)
            .WithEndpoint(name: RedisServerResource.PrimaryEndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                // No snapshots; every write appended (fsync each second); loopback only; logs to the console.
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--dir");
                context.Args.Add(dataDirectory);
                context.Args.Add("--appendonly");
                context.Args.Add("yes");
                context.Args.Add("--save");
                context.Args.Add("");
                context.Args.Add("--daemonize");
                context.Args.Add("no");
            })
            .WithPingHealthCheck();
    }

    /// <summary>
    /// Adds a Microsoft Garnet server that runs inside the AppHost process on a free loopback port, with Lua
    /// scripts on and atomic. It starts when the application starts and stops with it.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddGarnetServer(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var resource = new GarnetServerResource(name, ExecutablePath.FreeLoopbackPort());
        builder.Services.AddSingleton(new EmbeddedGarnet(resource));

        builder.Eventing.Subscribe<InitializeResourceEvent>(resource, static (e, _) =>
            e.Services.GetRequiredService<EmbeddedGarnet>().StartAsync(e.Notifications, e.Logger));

        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Garnet (embedded)",
                State = KnownResourceStates.NotStarted,
                Properties =
                [
                    new(CustomResourceKnownProperties.Source, "Microsoft.Garnet, in the AppHost process"),
                    new("garnet.port", resource.Port),
                ],
            })
            .WithPingHealthCheck();
    }

    /// <summary>Gives a Redis-speaking resource the health check that PINGs it (<see cref="RedisPingHealthCheck"/>).</summary>
    private static IResourceBuilder<IResourceWithConnectionString> WithPingHealthCheck<T>(this IResourceBuilder<T> builder)
        where T : class, IResourceWithConnectionString
    {
        var resource = builder.Resource;
        var healthCheckKey = $"{resource.Name}_ping";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            _ => new RedisPingHealthCheck(resource.ConnectionStringExpression),
            failureStatus: null,
            tags: null));
        return builder.WithHealthCheck(healthCheckKey);
    }
}
