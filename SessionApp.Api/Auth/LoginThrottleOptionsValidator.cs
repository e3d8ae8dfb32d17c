using Microsoft.Extensions.Options;

namespace SessionApp.Api.Auth;

/// <summary>Reports every problem with <see cref="LoginThrottleOptions"/> at once, each naming its configuration key.</summary>
internal sealed class LoginThrottleOptionsValidator : IValidateOptions<LoginThrottleOptions>
{
    /// <summary>The shortest hash key: 32 bytes, as long as HMAC-SHA256's output.</summary>
    public const int MinHashKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, LoginThrottleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = LoginThrottleOptions.SectionName;
        var errors = new List<string>();
        if (LoginThrottle.DecodeKey(options.HashKey) is not { Length: >= MinHashKeyBytes })
        {
            errors.Add($"{Section}:HashKey must be base64 of at least {MinHashKeyBytes} random bytes, the same on every instance (e.g. the output of 'openssl rand -base64 32').");
        }

        if (options.MaxFailures is < 1 or > 1000)
        {
            errors.Add($"{Section}:MaxFailures must be 1 to 1000 (was {options.MaxFailures}).");
        }

        if (options.Window <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Window must be positive (was {options.Window}).");
        }

        if (options.Lockout < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{Section}:Lockout must be at least 1 second (was {options.Lockout}).");
        }

        if (options.MaxLockout < options.Lockout)
        {
            errors.Add($"{Section}:MaxLockout ({options.MaxLockout}) must not be shorter than {Section}:Lockout ({options.Lockout}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
