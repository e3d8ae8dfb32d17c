namespace SessionApp.ServiceDefaults.Configuration;

/// <summary>
/// The parameters, relative to the SSM path, that describe the MemoryDB connection. The AWS stack
/// (SessionApp.Aws <c>SsmNames</c>) writes the same names.
/// </summary>
public static class SsmParameterNames
{
    /// <summary>The connection name to compose (<c>ConnectionStrings:{value}</c>). Optional; default <c>sessions</c>.</summary>
    public const string MemoryDbConnectionName = "MemoryDb/ConnectionName";

    /// <summary>The cluster endpoint's host name. Required.</summary>
    public const string MemoryDbEndpoint = "MemoryDb/Endpoint";

    /// <summary>The cluster endpoint's port. Required.</summary>
    public const string MemoryDbPort = "MemoryDb/Port";

    /// <summary>The ACL user. Required.</summary>
    public const string MemoryDbUser = "MemoryDb/User";

    /// <summary><c>true</c> or <c>false</c>: whether the connection uses TLS. Required.</summary>
    public const string MemoryDbTls = "MemoryDb/Tls";

    /// <summary>The name of the Secrets Manager secret holding the user's password. Required.</summary>
    public const string MemoryDbPasswordSecret = "MemoryDb/PasswordSecret";

    /// <summary>SSM's path that reads a Secrets Manager secret as a parameter.</summary>
    public const string SecretsManagerReference = "/aws/reference/secretsmanager/";

    /// <summary>The parameters start-up cannot do without.</summary>
    public static IReadOnlyList<string> Required { get; } =
        [MemoryDbEndpoint, MemoryDbPort, MemoryDbUser, MemoryDbTls, MemoryDbPasswordSecret];
}
