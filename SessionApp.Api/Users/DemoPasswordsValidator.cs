using Microsoft.Extensions.Options;

namespace SessionApp.Api.Users;

/// <summary>
/// Outside Development, refuses to start with a password list (<c>Users</c>): passwords in configuration are for the
/// demo, and a deployed environment signs users in with an OpenID Connect provider (<c>Authentication:Oidc</c>). The
/// loudly named <c>InsecureDemoPasswords=true</c> lets an insecure demo run anyway; the AWS stack never sets it.
/// </summary>
internal sealed class DemoPasswordsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<UsersOptions>
{
    /// <summary>The switch that lets a password list run outside Development.</summary>
    public const string SwitchKey = "InsecureDemoPasswords";

    private const string SignInSection = SessionApp.ServiceDefaults.SignIn.OidcSignInOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, UsersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Users.Count == 0 || environment.IsDevelopment() || configuration.GetValue<bool>(SwitchKey))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"{UsersOptions.SectionName} holds {options.Users.Count} password(s), and the {environment.EnvironmentName} environment refuses a password list: " +
            $"sign users in with an OpenID Connect provider ({SignInSection}) and remove {UsersOptions.SectionName}, " +
            $"or set {SwitchKey}=true to run an insecure demo anyway (never in a deployed environment).");
    }
}
