namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The app client registered with the local identity provider (<c>WithClient</c>): its id, its secret (a parameter
/// generated for each run), and the site browsers come back to (the gateway, standing in for the load balancer).
/// </summary>
/// <param name="ClientId">The client id, e.g. <c>web</c>.</param>
/// <param name="Secret">The client secret.</param>
/// <param name="Site">The resource whose http endpoint is the site's address.</param>
public sealed record IdentityClientAnnotation(string ClientId, ParameterResource Secret, IResourceWithEndpoints Site) : IResourceAnnotation;
