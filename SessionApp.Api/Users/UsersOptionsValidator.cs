using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SessionApp.Api.Users;

/// <summary>Checks every configured user at start-up and reports every problem at once, naming its key.</summary>
internal sealed partial class UsersOptionsValidator : IValidateOptions<UsersOptions>
{
    public const int MinPasswordLength = 8;

    public ValidateOptionsResult Validate(string? name, UsersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Users.Count; i++)
        {
            var key = $"{UsersOptions.SectionName}:{i}";
            var user = options.Users[i];
            if (string.IsNullOrWhiteSpace(user.UserName) || !UserNamePattern().IsMatch(user.UserName))
            {
                errors.Add($"{key}:UserName must match ^[A-Za-z0-9._-]{{1,64}}$.");
            }
            else if (!seen.Add(user.UserName))
            {
                errors.Add($"{key}:UserName '{user.UserName}' is configured more than once (names ignore case).");
            }

            if (string.IsNullOrWhiteSpace(user.DisplayName))
            {
                errors.Add($"{key}:DisplayName is required.");
            }

            if (user.Password is null || user.Password.Length < MinPasswordLength)
            {
                errors.Add($"{key}:Password is required and must have at least {MinPasswordLength} characters.");
            }

            for (var r = 0; r < user.Roles.Count; r++)
            {
                if (string.IsNullOrWhiteSpace(user.Roles[r]))
                {
                    errors.Add($"{key}:Roles:{r} must not be empty.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    internal static partial Regex UserNamePattern();
}
