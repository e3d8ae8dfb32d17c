using SessionApp.AppHost.Model;

namespace SessionApp.AppHost;

/// <summary>
/// The system at a glance, shared by <c>Program.cs</c> and the end-to-end tests so both run the same thing:
/// Redis first, then the API, then the web front end, then the gateway that stands in for the AWS load balancer.
/// </summary>
public static class SessionAppTopology
{
    public static DistributedApplicationBuilder Build(DistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var replicas = builder.Options.Replicas;

        var sessions = builder.AddRedis("sessions");

        var api = builder.AddProject("api", "../SessionApp.Api")
            .WithReference(sessions)
            .WithHttpHealthCheck("/health")
            .WithReplicas(replicas);

        var web = builder.AddProject("web", "../SessionApp.Web")
            .WithReference(sessions)
            .WithReference(api)
            .WithHttpHealthCheck("/health")
            .WithReplicas(replicas);

        builder.AddGateway("gateway")
            .WithRoute("/api/{**catch-all}", api)
            .WithRoute("/{**catch-all}", web);

        return builder;
    }
}
