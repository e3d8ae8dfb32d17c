using Microsoft.Extensions.Options;

namespace SessionApp.ServiceDefaults.DataProtection;

/// <summary>Reports every problem with <see cref="SessionDataProtectionOptions"/> at once, each naming its configuration key.</summary>
internal sealed class SessionDataProtectionOptionsValidator : IValidateOptions<SessionDataProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionDataProtectionOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApplicationName))
        {
            errors.Add($"{SessionDataProtectionOptions.SectionName}:ApplicationName must not be empty: every instance must share one name.");
        }

        if (string.IsNullOrWhiteSpace(options.RedisKey))
        {
            errors.Add($"{SessionDataProtectionOptions.SectionName}:RedisKey must not be empty: it names the Redis list that holds the key ring.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
