using System.Diagnostics;

namespace SessionApp.AppHost.Orchestration;

/// <summary>
/// One running instance of a resource on its own loopback port, kept for the replica's whole life so the
/// gateway's destinations stay valid across restarts. Watches its health and starts it again with
/// backoff when it exits unexpectedly.
/// </summary>
internal abstract class Replica : IAsyncDisposable
{
    private static readonly TimeSpan StableUptime = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _stateLock = new();
    private readonly IHealthProbe? _probe;
    private CancellationTokenSource? _run;
    private int _generation;
    private int _consecutiveCrashes;
    private long _launchedAt;

    protected Replica(string resource, int index, string name, int port, IHealthProbe? probe, OutputSink output)
    {
        Resource = resource;
        Index = index;
        Name = name;
        Port = port;
        _probe = probe;
        Output = output;
    }

    public string Resource { get; }

    public int Index { get; }

    public string Name { get; }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public ReplicaState State { get; private set; } = ReplicaState.NotStarted;

    public int Restarts { get; private set; }

    public LogBuffer Logs { get; } = new();

    public abstract int? ProcessId { get; }

    protected OutputSink Output { get; }

    public ReplicaSnapshot Snapshot() => new(Resource, Index, Name, State, ProcessId, Url, Restarts, Logs.Snapshot());

    /// <summary>Starts the replica unless it runs already; returns once it is launched (not yet healthy).</summary>
    public async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_run is not null)
            {
                return;
            }

            var run = new CancellationTokenSource();
            _run = run;
            _consecutiveCrashes = 0;
            try
            {
                await LaunchCoreAsync();
            }
            catch
            {
                _run = null;
                await run.CancelAsync();
                run.Dispose();
                SetState(ReplicaState.Stopped);
                throw;
            }

            _ = MonitorHealthAsync(run.Token);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the replica gracefully (killing it when it does not stop in time); it is not restarted.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_run is null)
            {
                return;
            }

            await _run.CancelAsync();
            _run.Dispose();
            _run = null;
            await TerminateAsync();
            SetState(ReplicaState.Stopped);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Ends the replica abruptly, as a crash would; it is restarted like after any crash.</summary>
    public abstract void Kill();

    /// <summary>Last resort when stopping failed: no more restarts, and the instance is killed.</summary>
    public void Abandon()
    {
        try
        {
            _run?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Stopped meanwhile.
        }

        Kill();
    }

    /// <summary>Waits until the replica answers its health check.</summary>
    public async Task WaitForHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (State != ReplicaState.Healthy)
        {
            if (watch.Elapsed > timeout)
            {
                var output = Logs.Snapshot().TakeLast(3).ToArray();
                var tail = output.Length == 0 ? "no output" : "last output: " + string.Join(" | ", output);
                throw new TimeoutException($"{Name} was not healthy within {timeout.TotalSeconds:0} s (state {State}; {tail}).");
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _gate.Dispose();
    }

    protected abstract Task LaunchAsync();

    protected abstract Task TerminateAsync();

    protected void AddOutput(string line)
    {
        Logs.Add(line);
        Output.Write(Name, line);
    }

    /// <summary>Called by the subclass when the running instance ended without being asked to.</summary>
    protected void OnExited(string reason)
    {
        var run = _run;
        if (run is null || run.IsCancellationRequested)
        {
            return;
        }

        _ = RestartAfterCrashAsync(reason, run.Token);
    }

    private async Task LaunchCoreAsync()
    {
        lock (_stateLock)
        {
            _generation++;
            _launchedAt = Stopwatch.GetTimestamp();
            State = ReplicaState.Starting;
        }

        await LaunchAsync();
    }

    private async Task RestartAfterCrashAsync(string reason, CancellationToken token)
    {
        if (Stopwatch.GetElapsedTime(_launchedAt) > StableUptime)
        {
            _consecutiveCrashes = 0;
        }

        var delay = TimeSpan.FromMilliseconds(Math.Min(250 * (1 << Math.Min(_consecutiveCrashes, 6)), 15_000));
        _consecutiveCrashes++;
        Restarts++;
        SetState(ReplicaState.Restarting);
        Output.Info($"{Name} exited ({reason}); restarting in {delay.TotalSeconds:0.##} s");
        try
        {
            await Task.Delay(delay, token);
            await _gate.WaitAsync(token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (!token.IsCancellationRequested)
            {
                await LaunchCoreAsync();
            }
        }
        catch (AppHostException ex)
        {
            Output.Info(ex.Message);
            OnExited("could not start");
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task MonitorHealthAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            int generation;
            ReplicaState state;
            lock (_stateLock)
            {
                generation = _generation;
                state = State;
            }

            if (state is ReplicaState.Starting or ReplicaState.Healthy or ReplicaState.Unhealthy)
            {
                var healthy = false;
                try
                {
                    healthy = _probe is null || await _probe.IsHealthyAsync(token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }

                ApplyHealth(generation, healthy);
            }

            try
            {
                await Task.Delay(state == ReplicaState.Healthy ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(100), token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void ApplyHealth(int generation, bool healthy)
    {
        lock (_stateLock)
        {
            if (generation != _generation || State is not (ReplicaState.Starting or ReplicaState.Healthy or ReplicaState.Unhealthy))
            {
                return;
            }

            State = healthy ? ReplicaState.Healthy : State == ReplicaState.Starting ? ReplicaState.Starting : ReplicaState.Unhealthy;
        }
    }

    private void SetState(ReplicaState state)
    {
        lock (_stateLock)
        {
            State = state;
        }
    }
}
