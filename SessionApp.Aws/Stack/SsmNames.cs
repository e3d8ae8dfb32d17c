namespace SessionApp.Aws.Stack;

/// <summary>
/// The names, relative to the app's SSM path, of the parameters ServiceDefaults' SSM provider composes into
/// <c>ConnectionStrings:{MemoryDb/ConnectionName}</c> or resolves through Secrets Manager (<c>Sessions:UserHashKey</c>),
/// and of the settings the stack decides; they must match <c>SsmParameterNames</c>.
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
}
