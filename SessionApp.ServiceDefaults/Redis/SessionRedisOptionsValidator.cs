using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SessionApp.ServiceDefaults.Redis;

/// <summary>Reports every problem with <see cref="SessionRedisOptions"/> at once, each naming its configuration key.</summary>
internal sealed class SessionRedisOptionsValidator : IValidateOptions<SessionRedisOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionRedisOptions options)
    {
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{options.ConnectionStringKey} is missing: set it to a StackExchange.Redis configuration string such as '127.0.0.1:6379'.");
        }
        else
        {
            try
            {
                var parsed = ConfigurationOptions.Parse(options.ConnectionString);
                if (parsed.EndPoints.Count == 0)
                {
                    errors.Add($"{options.ConnectionStringKey} names no endpoint: write at least one host:port.");
                }
            }
            catch (ArgumentException exception)
            {
                // The message of a parse failure names the bad option, never the password's value.
                errors.Add($"{options.ConnectionStringKey} is not a valid StackExchange.Redis configuration string: {exception.Message}");
            }
        }

        AddIfNotPositive(errors, options.ConnectTimeout, "ConnectTimeout");
        AddIfNotPositive(errors, options.SyncTimeout, "SyncTimeout");
        AddIfNotPositive(errors, options.AsyncTimeout, "AsyncTimeout");
        AddIfNotPositive(errors, options.HealthCheckTimeout, "HealthCheckTimeout");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void AddIfNotPositive(List<string> errors, TimeSpan value, string property)
    {
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            errors.Add($"{SessionRedisOptions.SectionName}:{property} must be a positive time span such as '00:00:02' (was '{value}').");
        }
    }
}
