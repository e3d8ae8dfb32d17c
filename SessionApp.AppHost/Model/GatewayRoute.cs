namespace SessionApp.AppHost.Model;

/// <summary>A path pattern of the gateway (a YARP route template) and the resource whose replicas serve it.</summary>
/// <param name="Path">The route template, e.g. <c>/api/{**catch-all}</c>.</param>
/// <param name="Target">The resource whose replicas share the traffic.</param>
public sealed record GatewayRoute(string Path, Resource Target);
