using SessionApp.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace SessionApp.Benchmarks.Serving;

/// <summary>
/// The engine's Redis connection in the benchmark's servers, configured exactly as the services configure theirs
/// (ServiceDefaults' fail-fast budget: <c>AbortOnConnectFail=false</c>, <c>BacklogPolicy.FailFast</c>, its timeouts
/// and reconnect policy), so a failover run measures what a deployed service would do.
/// </summary>
internal static class EngineRedis
{
    /// <summary>Connects to <paramref name="redis"/> and registers the connection; the container disposes it.</summary>
    public static async Task AddAsync(IServiceCollection services, string redis)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration.Parse(redis));
        services.AddSingleton<IConnectionMultiplexer>(_ => connection);
    }
}
