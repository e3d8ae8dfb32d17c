using System.Globalization;

namespace Aspire.Hosting;

/// <summary>Declares the gateway's routes on the gateway project resource.</summary>
public static class GatewayRouteBuilderExtensions
{
    /// <summary>
    /// Sends requests whose path matches <paramref name="path"/> to <paramref name="target"/>'s replicas: records a
    /// <see cref="GatewayRouteAnnotation"/>, references the target (service discovery: <c>http://{target}</c>) and
    /// writes the YARP route and cluster (<c>ReverseProxy:Routes:{target}</c>, <c>ReverseProxy:Clusters:{target}</c>)
    /// into the gateway's environment. Routes match in the order they are added.
    /// </summary>
    /// <param name="gateway">The gateway project resource.</param>
    /// <param name="path">An ASP.NET route template, e.g. <c>/api/{**catch-all}</c> or <c>/{**catch-all}</c>.</param>
    /// <param name="target">The project resource that serves those requests.</param>
    /// <returns>The gateway's builder.</returns>
    public static IResourceBuilder<ProjectResource> WithRoute(this IResourceBuilder<ProjectResource> gateway, string path, IResourceBuilder<ProjectResource> target)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(target);

        var order = gateway.Resource.Annotations.OfType<GatewayRouteAnnotation>().Count();
        var name = target.Resource.Name;
        var prefix = $"ReverseProxy__Routes__{name}";

        return gateway
            .WithAnnotation(new GatewayRouteAnnotation(path, target.Resource, order))
            .WithReference(target)
            .WithEnvironment($"{prefix}__ClusterId", name)
            .WithEnvironment($"{prefix}__Order", order.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment($"{prefix}__Match__Path", path)
            .WithEnvironment($"ReverseProxy__Clusters__{name}__Destinations__{name}__Address", $"http://{name}");
    }
}
