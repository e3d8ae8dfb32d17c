using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SessionApp.AppHost.Health;

/// <summary>
/// A resource's health check, retried every <see cref="StartupHealthPolling.Interval"/> until it first passes. Aspire
/// re-checks a resource that is not healthy yet after 1, 2, 3, 4, then 5 s, and an HTTP check through the DCP proxy of a
/// service that is not listening yet can hang for its full 10 s timeout; so a service that starts listening just after a
/// check would be reported ready seconds late. Until its first pass, one check here makes short attempts (each bounded by
/// <see cref="StartupHealthPolling.AttemptTimeout"/>) for up to <see cref="StartupHealthPolling.Window"/> and returns
/// as soon as one passes. After the first pass it is the plain check again, so a failure later is reported at once.
/// </summary>
internal sealed class StartupPollingHealthCheck(
    IHealthCheck check,
    StartupHealthPolling polling,
    ConcurrentDictionary<string, bool> passed,
    TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var name = context.Registration.Name;
        if (passed.ContainsKey(name))
        {
            return await check.CheckHealthAsync(context, cancellationToken);
        }

        var started = time.GetTimestamp();
        while (true)
        {
            var result = await AttemptAsync(context, cancellationToken);
            if (result.Status == HealthStatus.Healthy)
            {
                passed.TryAdd(name, true);
                return result;
            }

            if (time.GetElapsedTime(started) + polling.Interval >= polling.Window)
            {
                return result;
            }

            await Task.Delay(polling.Interval, time, cancellationToken);
        }
    }

    private async Task<HealthCheckResult> AttemptAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(polling.AttemptTimeout);
        try
        {
            return await check.CheckHealthAsync(context, attempt.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"No answer within {polling.AttemptTimeout.TotalMilliseconds:0} ms.", ex);
        }
    }
}
