using System.Diagnostics;
using System.Runtime.InteropServices;
using SessionApp.AppHost.CommandLine;
using SessionApp.AppHost.Dashboard;
using SessionApp.AppHost.Model;
using SessionApp.AppHost.Orchestration;

namespace SessionApp.AppHost;

/// <summary>
/// The running system: starts the model's resources, shows them in the resources view, and stops
/// everything it started on Ctrl-C, SIGTERM or disposal. Tests drive it through the same methods.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly AppHostOptions _options;
    private readonly IReadOnlyList<string> _argumentErrors;
    private readonly Orchestrator _orchestrator;
    private DashboardHost? _dashboard;
    private int _disposed;

    internal DistributedApplication(DistributedApplicationModel model, AppHostOptions options, IReadOnlyList<string> argumentErrors)
    {
        Model = model;
        _options = options;
        _argumentErrors = argumentErrors;
        _orchestrator = new Orchestrator(model, options);
    }

    /// <summary>The system as data.</summary>
    public DistributedApplicationModel Model { get; }

    /// <summary>The resources view, once started.</summary>
    public Uri? DashboardUrl => _dashboard?.Url;

    /// <summary>How long <see cref="StartAsync"/> took from the end of the build (if any) until every resource was healthy.</summary>
    public TimeSpan? StartupTime { get; private set; }

    /// <summary>A builder from command-line arguments; argument errors and <c>--help</c> are reported by <see cref="RunAsync"/>.</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        if (Testing.EntryPointCapture.Current is { } capture)
        {
            return CreateBuilder(capture.Options);
        }

        var (options, errors) = AppHostCommandLine.Parse(args);
        return new DistributedApplicationBuilder(options, errors);
    }

    /// <summary>A builder from options set in code (tests).</summary>
    public static DistributedApplicationBuilder CreateBuilder(AppHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DistributedApplicationBuilder(options, options.Validate());
    }

    /// <summary>Builds (unless told not to) and starts every resource; returns when all are healthy.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_argumentErrors.Count > 0)
        {
            throw new AppHostException(string.Join(" ", _argumentErrors));
        }

        await _orchestrator.PrepareAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        _dashboard = new DashboardHost(_orchestrator, _options.DashboardPort);
        await _dashboard.StartAsync(cancellationToken);
        await _orchestrator.StartAsync(cancellationToken);
        StartupTime = watch.Elapsed;
    }

    /// <summary>Runs until Ctrl-C or SIGTERM; returns the process exit code (0 after a clean stop).</summary>
    public async Task<int> RunAsync()
    {
        if (_options.ShowHelp)
        {
            Console.WriteLine(AppHostCommandLine.Usage);
            return 0;
        }

        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
        try
        {
            await StartAsync(stop.Token);
            Console.WriteLine(StatusReport.Ready(this, _orchestrator.AllReplicas));
            await Task.Delay(Timeout.Infinite, stop.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (AppHostException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        finally
        {
            _orchestrator.Output.Info("stopping every resource");
            await DisposeAsync();
        }
    }

    /// <summary>The address of one replica of <paramref name="resource"/> (for the gateway, its public address).</summary>
    public Uri GetEndpoint(string resource, int replica = 0) => Replica(resource, replica).Url;

    /// <summary>The connection string a service would receive for <paramref name="resource"/>.</summary>
    public string GetConnectionString(string resource) =>
        Model.Find(resource) is RedisResource
            ? $"127.0.0.1:{Replica(resource, 0).Port}"
            : throw new ArgumentException($"Resource '{resource}' has no connection string; use GetEndpoint.", nameof(resource));

    /// <summary>What every replica (or those of <paramref name="resource"/>) is doing now.</summary>
    public IReadOnlyList<ReplicaSnapshot> GetReplicas(string? resource = null) =>
        [.. (resource is null ? _orchestrator.AllReplicas : _orchestrator.ReplicasOf(resource)).Select(r => r.Snapshot())];

    /// <summary>Waits until every replica of <paramref name="resource"/> answers its health check.</summary>
    public Task WaitForHealthyAsync(string resource, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Task.WhenAll(_orchestrator.ReplicasOf(resource).Select(r => r.WaitForHealthyAsync(timeout, cancellationToken)));

    /// <summary>Waits until one replica answers its health check.</summary>
    public Task WaitForHealthyAsync(string resource, int replica, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Replica(resource, replica).WaitForHealthyAsync(timeout, cancellationToken);

    public Task StopReplicaAsync(string resource, int replica) => Replica(resource, replica).StopAsync();

    public Task StartReplicaAsync(string resource, int replica) => Replica(resource, replica).StartAsync();

    public Task RestartReplicaAsync(string resource, int replica) => Replica(resource, replica).RestartAsync();

    /// <summary>Kills one replica abruptly, as a crash; the AppHost restarts it with backoff.</summary>
    public void KillReplica(string resource, int replica) => Replica(resource, replica).Kill();

    public Task StopResourceAsync(string resource) => Task.WhenAll(_orchestrator.ReplicasOf(resource).Select(r => r.StopAsync()));

    public Task StartResourceAsync(string resource) => Task.WhenAll(_orchestrator.ReplicasOf(resource).Select(r => r.StartAsync()));

    /// <summary>Stops every resource in reverse dependency order and leaves no process behind.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await _orchestrator.DisposeAsync();
        }
        finally
        {
            if (_dashboard is not null)
            {
                await _dashboard.DisposeAsync();
            }
        }
    }

    private Replica Replica(string resource, int replica) =>
        _orchestrator.ReplicasOf(resource).ElementAtOrDefault(replica)
        ?? throw new ArgumentOutOfRangeException(nameof(replica), replica, $"Resource '{resource}' has {_orchestrator.ReplicasOf(resource).Count} replica(s).");
}
