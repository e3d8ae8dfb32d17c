using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// The engine's view of the shared <see cref="IConnectionMultiplexer"/>: the one registered in the container
/// (ServiceDefaults registers it from <c>ConnectionStrings:sessions</c>), or one the engine opens itself from
/// a configuration string when the application gives it one.
/// </summary>
internal sealed class SessionRedisConnection : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<IConnectionMultiplexer>> _factory;
    private readonly bool _owned;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnectionMultiplexer? _multiplexer;
    private IDatabase? _database;

    public SessionRedisConnection(IConnectionMultiplexer multiplexer)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        _multiplexer = multiplexer;
        _database = multiplexer.GetDatabase();
        _factory = _ => Task.FromResult(multiplexer);
    }

    public SessionRedisConnection(Func<CancellationToken, Task<IConnectionMultiplexer>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
        _owned = true;
    }

    public ValueTask<IDatabase> GetDatabaseAsync(TimeSpan budget, CancellationToken cancellationToken) =>
        _database is { } database ? ValueTask.FromResult(database) : new ValueTask<IDatabase>(ConnectAsync(budget, cancellationToken));

    public async ValueTask<IConnectionMultiplexer> GetMultiplexerAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        await GetDatabaseAsync(budget, cancellationToken);
        return _multiplexer!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned && _multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<IDatabase> ConnectAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(budget, cancellationToken))
        {
            throw new TimeoutException("Timed out waiting for the connection to the session store to open.");
        }

        try
        {
            if (_database is null)
            {
                _multiplexer = await _factory(cancellationToken).WaitAsync(budget, cancellationToken);
                _database = _multiplexer.GetDatabase();
            }

            return _database;
        }
        finally
        {
            _gate.Release();
        }
    }
}
