namespace SessionApp.Aws.Stack;

/// <summary>
/// The names, relative to the app's SSM path, of the parameters ServiceDefaults' SSM provider composes into
/// <c>ConnectionStrings:{MemoryDb/ConnectionName}</c>; they must match <c>SsmParameterStoreSource</c>'s names.
/// </summary>
internal static class SsmNames
{
    public const string MemoryDbConnectionName = "MemoryDb/ConnectionName";
    public const string MemoryDbEndpoint = "MemoryDb/Endpoint";
    public const string MemoryDbPort = "MemoryDb/Port";
    public const string MemoryDbUser = "MemoryDb/User";
    public const string MemoryDbTls = "MemoryDb/Tls";
    public const string MemoryDbPasswordSecret = "MemoryDb/PasswordSecret";
}
