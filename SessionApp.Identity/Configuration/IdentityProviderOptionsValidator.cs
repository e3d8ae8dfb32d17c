using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace SessionApp.Identity.Configuration;

/// <summary>Reports every bad setting of <see cref="IdentityProviderOptions"/> at once, each naming its key; never a secret's value.</summary>
internal sealed class IdentityProviderOptionsValidator : IValidateOptions<IdentityProviderOptions>
{
    /// <summary>The shortest client secret accepted.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>The shortest password accepted.</summary>
    public const int MinimumPasswordLength = 8;

    private const string Section = IdentityProviderOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, IdentityProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Issuer is not null && !IsHttpUri(options.Issuer))
        {
            errors.Add($"{Section}:Issuer must be an absolute http(s) URI (was '{options.Issuer}').");
        }

        RequirePositive(errors, nameof(options.AccessTokenLifetime), options.AccessTokenLifetime);
        RequirePositive(errors, nameof(options.IdentityTokenLifetime), options.IdentityTokenLifetime);
        RequirePositive(errors, nameof(options.RefreshTokenLifetime), options.RefreshTokenLifetime);
        if (options.RefreshTokenReuseLeeway < TimeSpan.Zero)
        {
            errors.Add($"{Section}:RefreshTokenReuseLeeway cannot be negative (was '{options.RefreshTokenReuseLeeway}').");
        }

        ValidateClients(errors, options.Clients);
        ValidateUsers(errors, options.Users);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateClients(List<string> errors, IList<IdentityClientOptions> clients)
    {
        if (clients.Count == 0)
        {
            errors.Add($"{Section}:Clients must register at least one client (the AppHost sets Identity__Clients__0__ClientId, __ClientSecret and __RedirectUris__0).");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < clients.Count; i++)
        {
            var key = $"{Section}:Clients:{i}";
            var client = clients[i];
            if (!IsToken(client.ClientId))
            {
                errors.Add($"{key}:ClientId is required and cannot contain white space.");
            }
            else if (!ids.Add(client.ClientId!))
            {
                errors.Add($"{key}:ClientId '{client.ClientId}' is registered twice.");
            }

            if (client.ClientSecret is null || client.ClientSecret.Length < MinimumSecretLength)
            {
                errors.Add($"{key}:ClientSecret is required and must be at least {MinimumSecretLength} characters (it has {client.ClientSecret?.Length ?? 0}).");
            }

            if (client.RedirectUris.Count == 0)
            {
                errors.Add($"{key}:RedirectUris must list at least one redirect URI.");
            }

            RequireHttpUris(errors, $"{key}:RedirectUris", client.RedirectUris);
            RequireHttpUris(errors, $"{key}:PostLogoutRedirectUris", client.PostLogoutRedirectUris);
        }
    }

    private static void ValidateUsers(List<string> errors, IList<IdentityUserOptions> users)
    {
        if (users.Count == 0)
        {
            errors.Add($"{Section}:Users must list at least one user (the development users are in appsettings.Development.json).");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < users.Count; i++)
        {
            var key = $"{Section}:Users:{i}";
            var user = users[i];
            if (!IsToken(user.UserName))
            {
                errors.Add($"{key}:UserName is required and cannot contain white space.");
            }
            else if (!names.Add(user.UserName!))
            {
                errors.Add($"{key}:UserName '{user.UserName}' is listed twice (names are compared ignoring case).");
            }

            if (user.Password is null || user.Password.Length < MinimumPasswordLength)
            {
                errors.Add($"{key}:Password is required and must be at least {MinimumPasswordLength} characters.");
            }

            if (string.IsNullOrWhiteSpace(user.DisplayName))
            {
                errors.Add($"{key}:DisplayName is required.");
            }

            if (string.IsNullOrWhiteSpace(user.Email) || !MailAddress.TryCreate(user.Email, out var address) || address.Address != user.Email)
            {
                errors.Add($"{key}:Email must be an e-mail address such as 'alice@example.com' (was '{user.Email}').");
            }

            for (var g = 0; g < user.Groups.Count; g++)
            {
                if (!IsToken(user.Groups[g]))
                {
                    errors.Add($"{key}:Groups:{g} must be a group name without white space (was '{user.Groups[g]}').");
                }
            }
        }
    }

    private static void RequirePositive(List<string> errors, string property, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:{property} must be a positive TimeSpan such as 00:05:00 (was '{value}').");
        }
    }

    private static void RequireHttpUris(List<string> errors, string key, IList<string> uris)
    {
        for (var i = 0; i < uris.Count; i++)
        {
            if (!IsHttpUri(uris[i]) || uris[i].Contains('#', StringComparison.Ordinal))
            {
                errors.Add($"{key}:{i} must be an absolute http(s) URI without a fragment (was '{uris[i]}').");
            }
        }
    }

    private static bool IsHttpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool IsToken(string? value) => !string.IsNullOrEmpty(value) && !value.Any(char.IsWhiteSpace);
}
