using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SessionApp.ServiceDefaults.Redis;

/// <summary>Readiness: Redis answers PING within <see cref="SessionRedisOptions.HealthCheckTimeout"/>.</summary>
internal sealed class RedisHealthCheck : IHealthCheck
{
    private readonly RedisConnection _connection;
    private readonly TimeSpan _timeout;

    public RedisHealthCheck(RedisConnection connection, IOptions<SessionRedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _timeout = options.Value.HealthCheckTimeout;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connection = _connection.TryGet();
        if (connection is null)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The first Redis connection attempt is still under way.");
        }

        try
        {
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(_timeout, cancellationToken);
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The health check service logs the failure with this exception; logging it here too would say it twice.
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis did not answer PING.", exception);
        }
    }
}
