using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// The engine's view of the shared <see cref="IConnectionMultiplexer"/>: the one registered in the container
/// (ServiceDefaults registers it from <c>ConnectionStrings:sessions</c>), or one the engine opens itself from
/// a configuration string. Only one connection attempt is ever in flight; a failed one is retried on next use.
/// </summary>
internal sealed class SessionRedisConnection : IAsyncDisposable
{
    private readonly Func<Task<IConnectionMultiplexer>>? _factory;
    private readonly Lock _gate = new();
    private Task<IConnectionMultiplexer>? _connecting;
    private IDatabase? _database;

    public SessionRedisConnection(IConnectionMultiplexer multiplexer)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        _connecting = Task.FromResult(multiplexer);
        _database = multiplexer.GetDatabase();
    }

    public SessionRedisConnection(Func<Task<IConnectionMultiplexer>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
    }

    public ValueTask<IDatabase> GetDatabaseAsync(TimeSpan budget, CancellationToken cancellationToken) =>
        _database is { } database ? ValueTask.FromResult(database) : new ValueTask<IDatabase>(ConnectAsync(budget, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null && _connecting is { IsCompletedSuccessfully: true } connected)
        {
            await connected.Result.DisposeAsync();
        }
    }

    private async Task<IDatabase> ConnectAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        Task<IConnectionMultiplexer> connecting;
        lock (_gate)
        {
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = _factory!();
            }

            connecting = _connecting;
        }

        var multiplexer = await connecting.WaitAsync(budget, cancellationToken);
        return _database ??= multiplexer.GetDatabase();
    }
}
