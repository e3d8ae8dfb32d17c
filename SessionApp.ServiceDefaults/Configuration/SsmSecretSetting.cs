namespace SessionApp.ServiceDefaults.Configuration;

/// <summary>A setting whose value lives in Secrets Manager, named by an SSM parameter (see <see cref="SsmParameterNames.SecretSettings"/>).</summary>
/// <param name="NameParameter">The parameter, relative to the SSM path, that names the secret (e.g. <c>Authentication/Oidc/ClientSecretSecret</c>).</param>
/// <param name="Key">The configuration key the secret's value is given as (e.g. <c>Authentication:Oidc:ClientSecret</c>).</param>
/// <param name="Description">What the secret is, for error messages (e.g. <c>the OpenID Connect client secret</c>).</param>
public sealed record SsmSecretSetting(string NameParameter, string Key, string Description);
