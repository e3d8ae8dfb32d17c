namespace SessionApp.Api.Auth;

/// <summary>The sign-in throttle, bound from the <c>LoginThrottle</c> section and validated at start-up.</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>The configuration section: <c>LoginThrottle</c>.</summary>
    public const string SectionName = "LoginThrottle";

    /// <summary>
    /// The key of the keyed hash (HMAC-SHA256) that names a client's and user name's counter in Redis, base64 of at
    /// least 32 random bytes, the same on every instance (<c>LoginThrottle:HashKey</c>). Required; no default
    /// outside Development, where <c>appsettings.Development.json</c> holds a key for local use only.
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>Failed attempts one client may make for one user name within <see cref="Window"/>. Default 5.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long failures are counted, from the first one. Default 5 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first lock-out, once a client has used up its failures; each further lock-out doubles. Default 1 minute.</summary>
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest lock-out the doubling reaches. Default 1 hour.</summary>
    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromHours(1);
}
