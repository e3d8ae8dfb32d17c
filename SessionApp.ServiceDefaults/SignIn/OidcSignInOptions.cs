namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>
/// Sign-in with an OpenID Connect provider (Authorization Code + PKCE), bound from <c>Authentication:Oidc</c>: Amazon
/// Cognito in AWS (the stack writes these settings to SSM), SessionApp.Identity locally (the AppHost sets them), or any
/// other provider (Entra ID, Okta: configuration only). Off while <see cref="Authority"/> is unset; the services then
/// know only the API's password sign-in, which Production refuses unless told otherwise.
/// </summary>
public sealed class OidcSignInOptions
{
    /// <summary>The configuration section: <c>Authentication:Oidc</c>.</summary>
    public const string SectionName = "Authentication:Oidc";

    /// <summary>The provider's issuer, whose <c>/.well-known/openid-configuration</c> describes it (<c>Authentication:Oidc:Authority</c>). Default none: sign-in with a provider is off.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The app client's id at the provider (<c>Authentication:Oidc:ClientId</c>). Required with <see cref="Authority"/>.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app client's secret (<c>Authentication:Oidc:ClientSecret</c>; in AWS read from Secrets Manager through SSM). Required with <see cref="Authority"/>: the client is confidential.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The scopes asked for, separated by spaces (<c>Authentication:Oidc:Scope</c>). Default <c>openid profile email</c>;
    /// a provider that issues refresh tokens only for <c>offline_access</c> (SessionApp.Identity, Entra ID) needs it added.
    /// </summary>
    public string Scope { get; set; } = "openid profile email";

    /// <summary>The claim whose values become the user's roles (<c>Authentication:Oidc:RoleClaim</c>). Default <c>groups</c>; Cognito's is <c>cognito:groups</c>.</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>
    /// How the provider ends its own session and revokes tokens (<c>Authentication:Oidc:Provider</c>): <c>Standard</c>
    /// (the discovery document's <c>end_session_endpoint</c> and <c>revocation_endpoint</c>) or <c>Cognito</c> (its
    /// domain's <c>/logout</c>, which takes <c>client_id</c> and <c>logout_uri</c>, and <c>/oauth2/revoke</c>). Default <c>Standard</c>.
    /// </summary>
    public OidcProviderKind Provider { get; set; } = OidcProviderKind.Standard;

    /// <summary>The Cognito user pool's domain, e.g. <c>https://shop.auth.eu-west-1.amazoncognito.com</c> (<c>Authentication:Oidc:CognitoDomain</c>). Required when <see cref="Provider"/> is <c>Cognito</c>.</summary>
    public Uri? CognitoDomain { get; set; }

    /// <summary>How long before the access token expires it is refreshed (<c>Authentication:Oidc:RefreshBefore</c>). Default one minute.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether the provider must be reached over HTTPS (<c>Authentication:Oidc:RequireHttpsMetadata</c>). Default <see langword="true"/>; the local provider runs on http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether sign-in with a provider is on.</summary>
    public bool Enabled => Authority is not null;
}
