using Microsoft.Extensions.Options;

namespace SessionApp.Api.Auth;

/// <summary>Reports every problem with <see cref="LoginThrottleOptions"/> at once, each naming its configuration key.</summary>
internal sealed class LoginThrottleOptionsValidator : IValidateOptions<LoginThrottleOptions>
{
    public ValidateOptionsResult Validate(string? name, LoginThrottleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = LoginThrottleOptions.SectionName;
        var errors = new List<string>();
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
