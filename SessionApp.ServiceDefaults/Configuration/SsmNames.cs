namespace SessionApp.ServiceDefaults.Configuration;

/// <summary>
/// The names, relative to the app's SSM path, of the parameters the AWS stack writes and the services read: those
/// ServiceDefaults' SSM provider composes into <c>ConnectionStrings:{MemoryDb/ConnectionName}</c> or resolves through
/// Secrets Manager (documented on <c>SsmParameterNames</c>), and the settings the stack decides (the
/// <c>Authentication/Oidc/*</c> names are <c>OidcSignInOptions</c>' properties under <c>Authentication:Oidc</c>). The one
/// definition of each name: this file is compiled into ServiceDefaults, the reader, and linked into SessionApp.Aws, the
/// writer (so, internal in each, a test names <c>SsmParameterNames</c> rather than this type).
/// </summary>
internal static class SsmNames
{
    public const string MemoryDbConnectionName = "MemoryDb/ConnectionName";
    public const string MemoryDbEndpoint = "MemoryDb/Endpoint";
    public const string MemoryDbPort = "MemoryDb/Port";
    public const string MemoryDbUser = "MemoryDb/User";
    public const string MemoryDbTls = "MemoryDb/Tls";
    public const string MemoryDbPasswordSecret = "MemoryDb/PasswordSecret";
    public const string SessionsUserHashKeySecret = "Sessions/UserHashKeySecret";
    public const string DataProtectionKmsKeyId = "DataProtection/KmsKeyId";
    public const string AuthenticationOidcAuthority = "Authentication/Oidc/Authority";
    public const string AuthenticationOidcClientId = "Authentication/Oidc/ClientId";
    public const string AuthenticationOidcClientSecretSecret = "Authentication/Oidc/ClientSecretSecret";
    public const string AuthenticationOidcProvider = "Authentication/Oidc/Provider";
    public const string AuthenticationOidcCognitoDomain = "Authentication/Oidc/CognitoDomain";
    public const string AuthenticationOidcRoleClaim = "Authentication/Oidc/RoleClaim";
    public const string AuthenticationOidcScope = "Authentication/Oidc/Scope";
}
