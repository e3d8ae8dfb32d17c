using SessionApp.Tests.Sessions;

namespace SessionApp.Tests.Infrastructure;

/// <summary>Freezes a test's redis-server on demand (<see cref="ProcessPause"/>) and always lets it run again, even when the test fails.</summary>
public sealed class FrozenRedis(RedisServerProcess redis) : IAsyncDisposable
{
    private ProcessPause? _pause;

    public async Task FreezeAsync() =>
        _pause = await ProcessPause.StartAsync(redis.ProcessId ?? throw new InvalidOperationException("redis-server is not running."));

    /// <summary>
    /// Sends a request (<paramref name="send"/>, given a gate to name) that waits at the gate once it has loaded its
    /// session, freezes Redis there, lets the request go on and returns its answer, Redis still frozen.
    /// </summary>
    public async Task<HttpResponseMessage> AnswerWhileFrozenAsync(Func<string, Task<HttpResponseMessage>> send, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var gate = RequestGates.NewGate();
        var sent = send(gate);
        await RequestGates.ArrivedAsync(gate).WaitAsync(timeout, cancellationToken);
        await FreezeAsync();
        RequestGates.Open(gate);
        return await sent.WaitAsync(timeout, cancellationToken);
    }

    public Task ResumeAsync() => _pause?.ResumeAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_pause is not null)
        {
            await _pause.DisposeAsync();
        }
    }
}
