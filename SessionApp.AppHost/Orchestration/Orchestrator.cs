using System.Diagnostics;
using SessionApp.AppHost.CommandLine;
using SessionApp.AppHost.Model;

namespace SessionApp.AppHost.Orchestration;

/// <summary>
/// Runs the model: builds the projects once, starts every resource in dependency order and waits for
/// each to be healthy before its dependents start; stops them in reverse order.
/// </summary>
internal sealed class Orchestrator : IAsyncDisposable
{
    private readonly DistributedApplicationModel _model;
    private readonly AppHostOptions _options;
    private readonly HttpClient _healthClient = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Resource, IReadOnlyList<Replica>> _replicas = [];
    private bool _started;

    public Orchestrator(DistributedApplicationModel model, AppHostOptions options)
    {
        _model = model;
        _options = options;
        Output = new OutputSink(options.Output);
    }

    public OutputSink Output { get; }

    /// <summary>The replicas created so far, in start order; safe to read while the application starts.</summary>
    public IReadOnlyList<Replica> AllReplicas => [.. _model.InStartOrder().SelectMany(r => _replicas.TryGetValue(r, out var replicas) ? replicas : [])];

    public IReadOnlyList<Replica> ReplicasOf(string resource) =>
        _replicas.TryGetValue(_model.Find(resource), out var replicas)
            ? replicas
            : throw new InvalidOperationException($"Resource '{resource}' has not been started.");

    /// <summary>Checks the options and the gateway port, then builds every project unless told not to.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            throw new InvalidOperationException("The application has been started already.");
        }

        _started = true;
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new AppHostException(string.Join(" ", errors));
        }

        foreach (var gateway in _model.Resources.OfType<GatewayResource>().Where(g => g.Port != 0 && LoopbackPort.IsInUse(g.Port)))
        {
            throw new AppHostException($"{gateway.Name}: port {gateway.Port} on 127.0.0.1 is already in use (choose another with --port).");
        }

        if (!_options.NoBuild)
        {
            var watch = Stopwatch.StartNew();
            foreach (var project in _model.Resources.OfType<ProjectResource>())
            {
                var directory = Path.GetFullPath(Path.Combine(_options.ProjectRoot, project.ProjectPath));
                await ProjectOutput.BuildAsync(ProjectOutput.ProjectFile(directory, project.Name), _options.Configuration, project.Name, Output, cancellationToken);
            }

            Output.Info($"projects built in {watch.Elapsed.TotalSeconds:0.0} s");
        }
    }

    /// <summary>Starts every resource in dependency order, each healthy before the next.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = new ReplicaFactory(_options, Output, _healthClient, resource => _replicas[resource], LoadBalancerOf);

        // Every replica gets its port before any starts; gateways first, so a reference to a project they front
        // can resolve to them.
        foreach (var resource in _model.InStartOrder().OrderBy(static r => r is GatewayResource ? 0 : 1))
        {
            _replicas[resource] = factory.Create(resource);
        }

        foreach (var resource in _model.InStartOrder())
        {
            var replicas = _replicas[resource];
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(replicas.Select(r => r.StartAsync()));
            try
            {
                await Task.WhenAll(replicas.Select(r => r.WaitForHealthyAsync(_options.StartTimeout, cancellationToken)));
            }
            catch (TimeoutException ex)
            {
                throw new AppHostException(ex.Message, ex);
            }

            Output.Info($"{resource.Name} healthy in {watch.Elapsed.TotalSeconds:0.0} s ({replicas.Count} replica{(replicas.Count == 1 ? "" : "s")})");
        }
    }

    /// <summary>
    /// The address that balances a project's replicas — the gateway routing to it — as the single endpoint a
    /// reference receives (Aspire gives a reference its resource's proxy); null when no gateway fronts it.
    /// </summary>
    private Uri? LoadBalancerOf(Resource target) =>
        _model.Resources.OfType<GatewayResource>().FirstOrDefault(g => g.Routes.Any(route => route.Target == target)) is { } gateway
            ? _replicas[gateway][0].Url
            : null;

    public async Task StopAsync()
    {
        foreach (var resource in _model.InStartOrder().Reverse().Where(_replicas.ContainsKey))
        {
            await Task.WhenAll(_replicas[resource].Select(r => r.StopAsync()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            foreach (var replica in AllReplicas)
            {
                replica.Abandon();
            }

            _healthClient.Dispose();
        }
    }
}
