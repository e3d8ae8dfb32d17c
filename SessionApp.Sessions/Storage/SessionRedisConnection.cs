using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// The engine's view of the one shared <see cref="IConnectionMultiplexer"/> registered in the container
/// (ServiceDefaults registers it through Aspire's <c>AddRedisClient</c> from <c>ConnectionStrings:sessions</c>, with
/// the solution's one fail-fast configuration). The engine never opens a connection of its own.
/// </summary>
internal sealed class SessionRedisConnection
{
    public SessionRedisConnection(IConnectionMultiplexer multiplexer)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        Database = multiplexer.GetDatabase();
    }

    /// <summary>The database every engine command goes to.</summary>
    public IDatabase Database { get; }
}
