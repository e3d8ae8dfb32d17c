using System.Globalization;
using SessionApp.AppHost.Model;

namespace SessionApp.AppHost.Orchestration;

/// <summary>
/// The environment a project replica receives, by Aspire's conventions, so a service runs unchanged
/// under this AppHost or a real Aspire one.
/// </summary>
internal static class ServiceEnvironment
{
    public static Dictionary<string, string> For(
        ProjectResource resource, string instanceName, int port, string environmentName, Func<Resource, IReadOnlyList<Replica>> replicasOf, Func<Resource, Uri?> loadBalancerOf)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["OTEL_SERVICE_NAME"] = resource.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceName}",
            ["Instance__Name"] = instanceName,
            ["DOTNET_NOLOGO"] = "1",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };

        foreach (var reference in resource.References)
        {
            var replicas = replicasOf(reference);
            switch (reference)
            {
                case RedisResource:
                    // StackExchange.Redis form, as Aspire's AddRedis gives it.
                    environment[$"ConnectionStrings__{reference.Name}"] = $"127.0.0.1:{replicas[0].Port.ToString(CultureInfo.InvariantCulture)}";
                    break;
                case ProjectResource when loadBalancerOf(reference) is { } balancer:
                    // One address for the whole service, as Aspire's proxy gives: the gateway, which health-checks
                    // the replicas, takes dead ones out of rotation and retries, as the AWS load balancer does.
                    environment[$"services__{reference.Name}__http__0"] = balancer.ToString().TrimEnd('/');
                    break;
                default:
                    // One entry per replica; service discovery spreads calls across them.
                    for (var i = 0; i < replicas.Count; i++)
                    {
                        environment[$"services__{reference.Name}__http__{i.ToString(CultureInfo.InvariantCulture)}"] = replicas[i].Url.ToString().TrimEnd('/');
                    }

                    break;
            }
        }

        return environment;
    }
}
