using System.Globalization;
using System.Reflection;
using SessionApp.Aws;
using SessionApp.ServiceDefaults.Health;
using SessionApp.Sessions.Configuration;

namespace SessionApp.AppHost.Aws;

/// <summary>
/// Reads the Aspire app model as the AWS stack needs it, so nothing about the topology is written twice: the session
/// store, every project resource the gateway does not stand for (with its replicas and references), and the gateway's
/// routes in their order. A project's <c>WithHttpHealthCheck</c> (readiness, the store included) is for the Aspire
/// dashboard; in AWS the load balancer and the container probe the liveness path (see <c>FargateApp</c>). The MemoryDB
/// ACL user is confined to the engine's default <c>Sessions:KeyPrefix</c>.
/// </summary>
internal static class AwsTopologyReader
{
    /// <summary>
    /// The port the services' container images listen on: the build's <c>ServiceHttpPort</c> (Directory.Build.props),
    /// which build/Containers.props gives the images, carried here as assembly metadata.
    /// </summary>
    public static int ContainerPort { get; } = int.Parse(
        typeof(AwsTopologyReader).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(static a => a.Key == "ServiceHttpPort").Value!,
        CultureInfo.InvariantCulture);

    public static AwsTopology Read(DistributedApplicationModel model, string environment)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);

        var store = model.Resources.OfType<IResourceWithConnectionString>().Where(r => r is RedisServerResource or GarnetServerResource).ToArray();
        if (store.Length != 1)
        {
            throw new InvalidOperationException($"The app model has {store.Length} session stores (AddRedisServer); the AWS stack publishes exactly one as MemoryDB.");
        }

        // The local identity provider is no service in AWS: the stack's Cognito user pool takes its place.
        var projects = model.Resources.OfType<ProjectResource>().Where(static p => !p.Annotations.OfType<IdentityProviderAnnotation>().Any()).ToArray();
        var gateways = projects.Where(p => p.Annotations.OfType<GatewayRouteAnnotation>().Any()).ToArray();
        if (gateways.Length != 1)
        {
            throw new InvalidOperationException($"The app model has {gateways.Length} gateways (a project with WithRoute); the AWS stack publishes exactly one as the load balancer.");
        }

        var services = projects.Except(gateways).Select(project => new AwsService(
            project.Name,
            project.GetReplicaCount(),
            ContainerPort,
            HealthEndpoints.LivenessPath,
            [.. References(project)])).ToArray();

        var routes = gateways[0].Annotations.OfType<GatewayRouteAnnotation>()
            .OrderBy(route => route.Order)
            .Select(route => AwsRoute.FromRouteTemplate(route.Path, route.Target.Name))
            .ToArray();

        return new AwsTopology(environment.ToLowerInvariant(), new AwsSessionStore(store[0].Name, RedisSessionOptions.DefaultKeyPrefix), services, routes);
    }

    /// <summary>
    /// The names of the resources a project references (<c>WithReference</c>), in the order they were added; not the
    /// local identity provider, which in AWS is Cognito, reached over the internet rather than a network path of the stack,
    /// and not a parameter (the gateway's proxy secret, run mode only), which is a value rather than something reached.
    /// </summary>
    private static IEnumerable<string> References(ProjectResource project) =>
        project.Annotations.OfType<ResourceRelationshipAnnotation>()
            .Where(relationship => relationship.Type == "Reference"
                && relationship.Resource is not ParameterResource
                && !relationship.Resource.Annotations.OfType<IdentityProviderAnnotation>().Any())
            .Select(relationship => relationship.Resource.Name)
            .Distinct();
}
