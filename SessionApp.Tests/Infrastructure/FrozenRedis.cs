namespace SessionApp.Tests.Infrastructure;

/// <summary>Freezes a test's redis-server on demand (<see cref="ProcessPause"/>) and always lets it run again, even when the test fails.</summary>
public sealed class FrozenRedis(RedisServerProcess redis) : IAsyncDisposable
{
    private ProcessPause? _pause;

    public async Task FreezeAsync() =>
        _pause = await ProcessPause.StartAsync(redis.ProcessId ?? throw new InvalidOperationException("redis-server is not running."));

    public Task ResumeAsync() => _pause?.ResumeAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_pause is not null)
        {
            await _pause.DisposeAsync();
        }
    }
}
