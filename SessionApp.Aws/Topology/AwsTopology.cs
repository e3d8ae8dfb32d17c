namespace SessionApp.Aws;

/// <summary>
/// What SessionApp looks like, in the terms the AWS stack needs: one session store, the HTTP services and the
/// load balancer's routes. The AppHost's publish step builds it from the Aspire app model, so nothing about the
/// topology is written twice: every <see cref="AwsService"/> becomes one ECS service.
/// </summary>
/// <param name="Environment">The environment name, e.g. <c>production</c>: part of the stack name and of the SSM path <c>/sessionapp/{environment}/</c>.</param>
/// <param name="Store">The Redis the services share: becomes the MemoryDB cluster.</param>
/// <param name="Services">The HTTP services: each becomes an ECS Fargate service behind the ALB.</param>
/// <param name="Routes">The load balancer's path rules, first match wins; the route whose pattern is <c>/*</c> is the default action.</param>
public sealed record AwsTopology(string Environment, AwsSessionStore Store, IReadOnlyList<AwsService> Services, IReadOnlyList<AwsRoute> Routes)
{
    /// <summary>The route that takes whatever no other route matched.</summary>
    public AwsRoute DefaultRoute => Routes.Single(static r => r.IsDefault);

    /// <summary>The SSM Parameter Store path every setting of this environment lives under, e.g. <c>/sessionapp/production/</c>.</summary>
    public string ParameterPath => $"/sessionapp/{Environment}/";
}
