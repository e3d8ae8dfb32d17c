using SessionApp.AppHost.CommandLine;
using SessionApp.AppHost.Model;

namespace SessionApp.AppHost;

/// <summary>Collects the resources of the system, as Aspire's <c>IDistributedApplicationBuilder</c>.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly IReadOnlyList<string> _argumentErrors;

    internal DistributedApplicationBuilder(AppHostOptions options, IReadOnlyList<string> argumentErrors)
    {
        Options = options;
        _argumentErrors = argumentErrors;
    }

    /// <summary>The options from the command line (or the test), which the topology may read (replicas, port).</summary>
    public AppHostOptions Options { get; }

    /// <summary>Adds a Redis-compatible store; services receive <c>ConnectionStrings__{name}</c>.</summary>
    public ResourceBuilder<RedisResource> AddRedis(string name) => Add(new RedisResource(name));

    /// <summary>Adds a .NET project, its folder relative to the AppHost project folder.</summary>
    public ResourceBuilder<ProjectResource> AddProject(string name, string projectPath) => Add(new ProjectResource(name, projectPath));

    /// <summary>Adds the gateway on <see cref="AppHostOptions.GatewayPort"/>; declare its routes with <c>WithRoute</c>.</summary>
    public ResourceBuilder<GatewayResource> AddGateway(string name) => Add(new GatewayResource(name, Options.GatewayPort));

    public DistributedApplication Build()
    {
        var application = new DistributedApplication(new DistributedApplicationModel([.. _resources]), Options, _argumentErrors);
        return Testing.EntryPointCapture.Current is { } capture ? throw capture.Captured(application) : application;
    }

    private ResourceBuilder<T> Add<T>(T resource)
        where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new ArgumentException($"A resource called '{resource.Name}' has been added already.", nameof(resource));
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource);
    }
}
