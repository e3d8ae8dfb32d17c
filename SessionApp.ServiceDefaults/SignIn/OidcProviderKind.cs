namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>How a provider ends its session and revokes tokens (<see cref="OidcSignInOptions.Provider"/>).</summary>
public enum OidcProviderKind
{
    /// <summary>As OpenID Connect and RFC 7009 say: the discovery document's end-session and revocation endpoints.</summary>
    Standard,

    /// <summary>Amazon Cognito: <c>/logout?client_id=…&amp;logout_uri=…</c> and <c>/oauth2/revoke</c> on the user pool's domain.</summary>
    Cognito,
}
