using SessionApp.ServiceDefaults.SignIn;

namespace SessionApp.ServiceDefaults.Configuration;

/// <summary>
/// The parameters, relative to the SSM path, that describe the MemoryDB connection and name the secrets read through
/// Secrets Manager. Each name is <see cref="SsmNames"/>' (the file the AWS stack, which writes them, compiles too).
/// </summary>
public static class SsmParameterNames
{
    /// <summary>The connection name to compose (<c>ConnectionStrings:{value}</c>). Optional; default <c>sessions</c>.</summary>
    public const string MemoryDbConnectionName = SsmNames.MemoryDbConnectionName;

    /// <summary>The cluster endpoint's host name. Required.</summary>
    public const string MemoryDbEndpoint = SsmNames.MemoryDbEndpoint;

    /// <summary>The cluster endpoint's port. Required.</summary>
    public const string MemoryDbPort = SsmNames.MemoryDbPort;

    /// <summary>The ACL user. Required.</summary>
    public const string MemoryDbUser = SsmNames.MemoryDbUser;

    /// <summary><c>true</c> or <c>false</c>: whether the connection uses TLS. Required.</summary>
    public const string MemoryDbTls = SsmNames.MemoryDbTls;

    /// <summary>The name of the Secrets Manager secret holding the user's password. Required.</summary>
    public const string MemoryDbPasswordSecret = SsmNames.MemoryDbPasswordSecret;

    /// <summary>
    /// The name of the Secrets Manager secret holding <c>Sessions:UserHashKey</c> (the engine's key for per-user data
    /// in Redis). Optional: when set, the secret's value becomes <c>Sessions:UserHashKey</c>, above any other value.
    /// </summary>
    public const string SessionsUserHashKeySecret = SsmNames.SessionsUserHashKeySecret;

    /// <summary>The configuration key the <see cref="SessionsUserHashKeySecret"/> secret's value is given as.</summary>
    public const string SessionsUserHashKey = "Sessions:UserHashKey";

    /// <summary>
    /// The name of the Secrets Manager secret holding the OpenID Connect client's secret. Optional: when set, the
    /// secret's value becomes <see cref="AuthenticationOidcClientSecret"/>, above any other value.
    /// </summary>
    public const string AuthenticationOidcClientSecretSecret = SsmNames.AuthenticationOidcClientSecretSecret;

    /// <summary>The configuration key the <see cref="AuthenticationOidcClientSecretSecret"/> secret's value is given as.</summary>
    public const string AuthenticationOidcClientSecret = OidcSignInOptions.SectionName + ":" + nameof(OidcSignInOptions.ClientSecret);

    /// <summary>SSM's path that reads a Secrets Manager secret as a parameter.</summary>
    public const string SecretsManagerReference = "/aws/reference/secretsmanager/";

    /// <summary>The parameters start-up cannot do without.</summary>
    public static IReadOnlyList<string> Required { get; } =
        [MemoryDbEndpoint, MemoryDbPort, MemoryDbUser, MemoryDbTls, MemoryDbPasswordSecret];

    /// <summary>The optional parameters that name a secret, each read into its configuration key when set.</summary>
    public static IReadOnlyList<SsmSecretSetting> SecretSettings { get; } =
    [
        new(SessionsUserHashKeySecret, SessionsUserHashKey, "the user hash key"),
        new(AuthenticationOidcClientSecretSecret, AuthenticationOidcClientSecret, "the OpenID Connect client secret"),
    ];
}
