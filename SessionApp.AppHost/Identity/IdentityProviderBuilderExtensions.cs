using SessionApp.ServiceDefaults.Health;

namespace Aspire.Hosting;

/// <summary>
/// The local OpenID Connect provider in the app model, and the services that sign users in with it. In AWS the same
/// model publishes Amazon Cognito in its place; the services read the same <c>Authentication:Oidc</c> settings from SSM.
/// </summary>
public static class IdentityProviderBuilderExtensions
{
    /// <summary>The scopes the services ask the local provider for: <c>offline_access</c> brings a refresh token.</summary>
    public const string Scope = "openid profile email offline_access";

    /// <summary>The claim the local provider carries the user's groups in (Cognito's is <c>cognito:groups</c>).</summary>
    public const string RoleClaim = "groups";

    /// <summary>
    /// Adds SessionApp.Identity, the local OpenID Connect provider, as <paramref name="name"/>: plain http (it
    /// terminates no TLS), reachable by browsers (they sign in on its page), healthy on <c>/health</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddIdentityProvider(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddProject<Projects.SessionApp_Identity>(name)
            .WithoutHttpsCertificate()
            .WithAnnotation(new IdentityProviderAnnotation())
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck(HealthEndpoints.ReadinessPath);
    }

    /// <summary>
    /// Registers the app client <paramref name="clientId"/> with the provider: a secret generated for this run, the
    /// sign-in answer back to <paramref name="site"/>'s <c>/signin-oidc</c> and the end of a sign-out back to its
    /// <c>/signout-callback-oidc</c> (the site is the address browsers use: the gateway).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithClient(this IResourceBuilder<ProjectResource> identity, string clientId, IResourceBuilder<ProjectResource> site)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentNullException.ThrowIfNull(site);
        var secret = identity.ApplicationBuilder.AddParameter(
            $"{identity.Resource.Name}-{clientId}-secret",
            new GenerateParameterDefault { MinLength = 48, Special = false },
            secret: true);
        var address = site.GetEndpoint("http");
        return identity
            .WithAnnotation(new IdentityClientAnnotation(clientId, secret.Resource, site.Resource))
            .WithEnvironment("Identity__Clients__0__ClientId", clientId)
            .WithEnvironment("Identity__Clients__0__ClientSecret", secret)
            .WithEnvironment("Identity__Clients__0__RedirectUris__0", ReferenceExpression.Create($"{address}/signin-oidc"))
            .WithEnvironment("Identity__Clients__0__PostLogoutRedirectUris__0", ReferenceExpression.Create($"{address}/signout-callback-oidc"));
    }

    /// <summary>
    /// Signs the service's users in with <paramref name="identity"/> as its registered client: the
    /// <c>Authentication:Oidc</c> settings (the provider's address as browsers reach it, the client id and secret,
    /// the scopes and the groups claim; plain http allowed, as it is local).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSignIn(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> identity)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(identity);
        return service
            .WithEnvironment("Authentication__Oidc__Authority", identity.GetEndpoint("http"))
            .WithEnvironment(context =>
            {
                var client = identity.Resource.Annotations.OfType<IdentityClientAnnotation>().SingleOrDefault()
                    ?? throw new InvalidOperationException($"'{identity.Resource.Name}' has no client: call WithClient on it.");
                context.EnvironmentVariables["Authentication__Oidc__ClientId"] = client.ClientId;
                context.EnvironmentVariables["Authentication__Oidc__ClientSecret"] = client.Secret;
            })
            .WithEnvironment("Authentication__Oidc__Scope", Scope)
            .WithEnvironment("Authentication__Oidc__RoleClaim", RoleClaim)
            .WithEnvironment("Authentication__Oidc__RequireHttpsMetadata", "false");
    }
}
