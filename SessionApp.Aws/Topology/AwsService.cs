namespace SessionApp.Aws;

/// <summary>One HTTP service of the topology (a project resource of the app model), published as an ECS Fargate service.</summary>
/// <param name="Name">The resource name, e.g. <c>api</c> or <c>web</c>: names the ECS service, its log group, its image repository parameter and its DNS name inside the cluster.</param>
/// <param name="Replicas">The model's replica count: the fewest tasks the service runs (at least the preset's).</param>
/// <param name="ContainerPort">The port the container listens on (ASP.NET Core's 8080).</param>
/// <param name="LivenessPath">The liveness path the container health check and the load balancer's target group probe, e.g. <c>/alive</c>.</param>
/// <param name="References">The resources it references, e.g. <c>sessions</c> or <c>api</c>: the store opens 6379 to it, another service opens its port to it.</param>
public sealed record AwsService(
    string Name,
    int Replicas,
    int ContainerPort,
    string LivenessPath,
    IReadOnlyList<string> References);
