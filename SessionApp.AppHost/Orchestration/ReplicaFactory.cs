using System.Globalization;
using SessionApp.AppHost.CommandLine;
using SessionApp.AppHost.Gateway;
using SessionApp.AppHost.Model;

namespace SessionApp.AppHost.Orchestration;

/// <summary>Creates the replicas of each kind of resource, each with a loopback port it keeps for life.</summary>
internal sealed class ReplicaFactory(
    AppHostOptions options, OutputSink output, HttpClient healthClient, Func<Resource, IReadOnlyList<Replica>> replicasOf, Func<Resource, Uri?> loadBalancerOf)
{
    public IReadOnlyList<Replica> Create(Resource resource) => resource switch
    {
        RedisResource redis => [CreateRedis(redis)],
        ProjectResource project => [.. Enumerable.Range(0, project.Replicas).Select(i => CreateProject(project, i))],
        GatewayResource gateway => [CreateGateway(gateway)],
        _ => throw new AppHostException($"{resource.Name}: resources of type {resource.GetType().Name} cannot run locally."),
    };

    private Replica CreateRedis(RedisResource redis)
    {
        var port = LoopbackPort.Free();
        var redisServer = FindOnPath("redis-server");
        var store = options.Store == StoreKind.Auto ? (redisServer is null ? StoreKind.Garnet : StoreKind.Redis) : options.Store;
        if (store == StoreKind.Garnet)
        {
            output.Info($"{redis.Name}: embedded Garnet 2.2.8 (in memory, Lua enabled){(redisServer is null ? " because redis-server is not on PATH" : "")}");
            return new GarnetReplica(redis.Name, redis.Name, port, output);
        }

        if (redisServer is null)
        {
            throw new AppHostException($"--store redis: redis-server was not found on PATH (install it, or use --store garnet).");
        }

        var directory = Path.Combine(options.WorkingDirectory, ".apphost", redis.Name);
        Directory.CreateDirectory(directory);
        output.Info($"{redis.Name}: redis-server from {redisServer}, data in {directory} (append-only)");
        var spec = new ProcessSpec(
            redisServer,
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
             "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--daemonize", "no",
             "--protected-mode", "no", "--loglevel", "warning"],
            directory,
            new Dictionary<string, string>());
        return new ProcessReplica(redis.Name, 0, redis.Name, port, new TcpHealthProbe(port, ping: true), output, spec);
    }

    private ProcessReplica CreateProject(ProjectResource project, int index)
    {
        var port = LoopbackPort.Free();
        var name = $"{project.Name}-{(index + 1).ToString(CultureInfo.InvariantCulture)}";
        var directory = Path.GetFullPath(Path.Combine(options.ProjectRoot, project.ProjectPath));
        var dll = ProjectOutput.Dll(ProjectOutput.ProjectFile(directory, project.Name), options.Configuration, project.Name);
        var environment = ServiceEnvironment.For(project, name, port, options.EnvironmentName, replicasOf, loadBalancerOf);
        var spec = new ProcessSpec(ProjectOutput.DotnetHost, [dll], directory, environment);
        var probe = new HttpHealthProbe(healthClient, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}{project.HealthPath}"));
        return new ProcessReplica(project.Name, index, name, port, probe, output, spec);
    }

    private GatewayReplica CreateGateway(GatewayResource gateway)
    {
        var port = gateway.Port == 0 ? LoopbackPort.Free() : gateway.Port;
        return new GatewayReplica(gateway, port, output, target => [.. replicasOf(target).Select(r => (r.Name, r.Url))]);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
