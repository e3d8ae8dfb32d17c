namespace SessionApp.Api.Auth;

/// <summary>The sign-in throttle, bound from the <c>LoginThrottle</c> section and validated at start-up.</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>The configuration section: <c>LoginThrottle</c>.</summary>
    public const string SectionName = "LoginThrottle";

    /// <summary>Failed attempts one client may make for one user name within <see cref="Window"/>. Default 5.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long failures are counted, from the first one. Default 5 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first lock-out, once a client has used up its failures; each further lock-out doubles. Default 1 minute.</summary>
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest lock-out the doubling reaches. Default 1 hour.</summary>
    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromHours(1);
}
