using Microsoft.Extensions.Options;

namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>Reports every problem of <c>Authentication:Oidc</c> at once, each naming its key (never a secret's value).</summary>
internal sealed class OidcSignInOptionsValidator : IValidateOptions<OidcSignInOptions>
{
    private const string Section = OidcSignInOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, OidcSignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!options.Enabled)
        {
            if (!string.IsNullOrEmpty(options.ClientId) || !string.IsNullOrEmpty(options.ClientSecret))
            {
                errors.Add($"{Section}:Authority is required when {Section}:ClientId or {Section}:ClientSecret is set.");
            }

            return Result(errors);
        }

        var authority = options.Authority!;
        if (!authority.IsAbsoluteUri || authority.Scheme is not ("https" or "http"))
        {
            errors.Add($"{Section}:Authority must be an absolute http(s) URI (was '{authority}').");
        }
        else if (options.RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{Section}:Authority must use https while {Section}:RequireHttpsMetadata is true (was '{authority}').");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add($"{Section}:ClientId is required with {Section}:Authority.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add($"{Section}:ClientSecret is required with {Section}:Authority: the client is confidential.");
        }

        if (!options.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid"))
        {
            errors.Add($"{Section}:Scope must include 'openid' (was '{options.Scope}').");
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim))
        {
            errors.Add($"{Section}:RoleClaim must not be empty.");
        }

        if (options.Provider == OidcProviderKind.Cognito &&
            (options.CognitoDomain is not { IsAbsoluteUri: true } domain || domain.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Section}:CognitoDomain must be the user pool domain's https URI when {Section}:Provider is Cognito.");
        }

        if (options.RefreshBefore < TimeSpan.Zero || options.RefreshBefore > TimeSpan.FromHours(1))
        {
            errors.Add($"{Section}:RefreshBefore must lie between 00:00:00 and 01:00:00 (was {options.RefreshBefore}).");
        }

        return Result(errors);
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
