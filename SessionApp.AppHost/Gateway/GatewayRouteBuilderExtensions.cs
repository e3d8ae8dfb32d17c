using System.Globalization;

namespace Aspire.Hosting;

/// <summary>Declares the gateway's routes on the gateway project resource.</summary>
public static class GatewayRouteBuilderExtensions
{
    /// <summary>
    /// Sends requests whose path matches <paramref name="path"/> to <paramref name="target"/>'s replicas: records a
    /// <see cref="GatewayRouteAnnotation"/>, references the target (service discovery: <c>http://{target}</c>) and
    /// writes the YARP route and cluster (<c>ReverseProxy:Routes:{target}</c>, <c>ReverseProxy:Clusters:{target}</c>)
    /// into the gateway's environment. Routes match in the order they are added. When run locally the target trusts
    /// the gateway's forwarded headers (<see cref="TrustGateway"/>); in AWS the stack's settings do that.
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

        if (gateway.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            TrustGateway(gateway, target);
        }

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

    /// <summary>
    /// Makes <paramref name="target"/> take the client's address and scheme from the gateway's forwarded headers,
    /// and from no one else. Locally every process is on loopback and the replicas sit behind the orchestrator's
    /// proxy, so a request from the gateway and one sent straight to a replica's port arrive from the same address:
    /// an address alone cannot tell them apart. So the target trusts loopback only together with a secret generated
    /// for this run (parameter <c>{gateway}-proxy-secret</c>) that the gateway sends with every request
    /// (<c>ForwardedHeaders:ProxySecret</c> on both; the web front end, a target too, sends it to the API). In AWS
    /// the network is the proof: the stack trusts the VPC, which only the load balancer and the services reach.
    /// </summary>
    private static void TrustGateway(IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> target)
    {
        var name = $"{gateway.Resource.Name}-proxy-secret";
        var existing = gateway.ApplicationBuilder.Resources.OfType<ParameterResource>().SingleOrDefault(p => p.Name == name);
        var secret = existing is null
            ? gateway.ApplicationBuilder.AddParameter(name, new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true)
            : gateway.ApplicationBuilder.CreateResourceBuilder(existing);

        gateway.WithEnvironment("ForwardedHeaders__ProxySecret", secret);
        target
            .WithEnvironment("ForwardedHeaders__KnownNetworks__0", "127.0.0.0/8")
            .WithEnvironment("ForwardedHeaders__KnownNetworks__1", "::1/128")
            .WithEnvironment("ForwardedHeaders__ProxySecret", secret);
    }
}
