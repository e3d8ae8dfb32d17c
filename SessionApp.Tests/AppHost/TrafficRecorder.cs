using System.Collections.Concurrent;
using System.Diagnostics;

namespace SessionApp.Tests.AppHost;

/// <summary>Sends requests through the gateway in a loop and records who served each and whether it succeeded with the signed-in session.</summary>
internal sealed class TrafficRecorder(HttpClient client, IReadOnlyList<string> paths) : IAsyncDisposable
{
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Task? _loop;
    private int _disposed;

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<Outcome> Outcomes => [.. _outcomes];

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>Waits until a request served by <paramref name="instance"/> succeeded after <paramref name="since"/>.</summary>
    public async Task<bool> WaitForServedByAsync(string instance, TimeSpan since, TimeSpan timeout)
    {
        var deadline = Now + timeout;
        while (Now < deadline)
        {
            if (_outcomes.Any(o => o.Success && o.Instance == instance && o.At > since))
            {
                return true;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return false;
    }

    /// <summary>Waits until <paramref name="count"/> requests sent after <paramref name="since"/> have succeeded.</summary>
    public async Task<bool> WaitForSuccessesAsync(int count, TimeSpan since, TimeSpan timeout)
    {
        var deadline = Now + timeout;
        while (Now < deadline)
        {
            if (_outcomes.Count(o => o.Success && o.At > since) >= count)
            {
                return true;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(15));
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var path = paths[i % paths.Count];
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                using var response = await client.GetAsync(path, timeout.Token);
                var signedIn = await TestTopology.ShowsSignedInUserAsync(response);
                _outcomes.Enqueue(new Outcome(Now, path, signedIn, TestTopology.Instance(response), signedIn ? "signed in" : $"{(int)response.StatusCode}, not the signed-in session"));
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !_stop.IsCancellationRequested)
            {
                _outcomes.Enqueue(new Outcome(Now, path, false, "(none)", ex.GetType().Name));
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }

    internal sealed record Outcome(TimeSpan At, string Path, bool Success, string Instance, string Detail);
}
