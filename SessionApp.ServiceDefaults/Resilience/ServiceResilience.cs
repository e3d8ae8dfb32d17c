using Microsoft.Extensions.Http.Resilience;

namespace SessionApp.ServiceDefaults.Resilience;

/// <summary>The resilience settings of calls between SessionApp's own services.</summary>
public static class ServiceResilience
{
    /// <summary>
    /// The first retry's delay: 100 ms instead of the standard 2 s. Calls between services stay inside one network,
    /// where a failed attempt is almost always a replica that just died (connection refused); the next attempt goes
    /// to another replica at once, so a long back-off would only hold the user's request.
    /// </summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Applies SessionApp's settings on top of the standard resilience handler's.</summary>
    public static void Configure(HttpStandardResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Delay = RetryDelay;
    }
}
