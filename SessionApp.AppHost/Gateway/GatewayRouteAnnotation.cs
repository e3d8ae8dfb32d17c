namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// One route of the gateway: requests whose path matches <see cref="Path"/> (a YARP/ASP.NET route template) go to
/// <see cref="Target"/>. Routes match in the order they were added. The local gateway reads them as YARP
/// configuration; the AWS publish step turns them into the load balancer's listener rules.
/// </summary>
/// <param name="Path">The path template, e.g. <c>/api/{**catch-all}</c>.</param>
/// <param name="Target">The resource that serves the matching requests.</param>
/// <param name="Order">The route's position: lower matches first.</param>
public sealed record GatewayRouteAnnotation(string Path, IResourceWithServiceDiscovery Target, int Order) : IResourceAnnotation;
