namespace SessionApp.Smoke;

/// <summary>What the smoke test runs against and how hard it looks.</summary>
public sealed class SmokeOptions
{
    /// <summary>The load balancer's URL (or the local gateway's). Required.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The user to sign in as (<c>--user</c> or <c>SMOKE_USER</c>). Required: there is no default user.</summary>
    public string? UserName { get; set; }

    /// <summary>Its password (<c>--password</c> or <c>SMOKE_PASSWORD</c>). Required: there is no default password.</summary>
    public string? Password { get; set; }

    /// <summary>How many distinct api and web instances each must answer. Default 2.</summary>
    public int MinInstances { get; set; } = 2;

    /// <summary>The most requests one check sends while looking for instances. Default 40.</summary>
    public int MaxRequests { get; set; } = 40;

    /// <summary>The limit for one request. Default 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the site to answer at all before the checks (a fresh deployment). Default 0: no waiting.</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Every problem with the options, each naming its option; empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("--base-url must be an absolute http or https URL.");
        }

        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            errors.Add("--user and --password (or SMOKE_USER and SMOKE_PASSWORD) are required: the smoke test has no default user.");
        }

        if (MinInstances < 1)
        {
            errors.Add("--min-instances must be at least 1.");
        }

        if (MaxRequests < MinInstances * 2)
        {
            errors.Add("--max-requests must be at least twice --min-instances.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("--request-timeout must be a positive number of seconds.");
        }

        if (ReadyTimeout < TimeSpan.Zero)
        {
            errors.Add("--ready-timeout must not be negative.");
        }

        return errors;
    }
}
