using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Configuration;

namespace SessionApp.ServiceDefaults.Configuration;

/// <summary>
/// Configuration from AWS Systems Manager Parameter Store: every parameter under <see cref="Path"/> (recursive,
/// decrypted, paged), named by its path below <see cref="Path"/> with <c>/</c> turned into <c>:</c>, so
/// <c>/sessionapp/production/Sessions/KeyPrefix</c> becomes <c>Sessions:KeyPrefix</c>. The MemoryDB parameters
/// (<c>MemoryDb/Endpoint</c>, <c>Port</c>, <c>User</c>, <c>Tls</c> and <c>PasswordSecret</c>, the name of a Secrets
/// Manager secret read through SSM's <c>/aws/reference/secretsmanager/</c> path) are required and composed into
/// <c>ConnectionStrings:{MemoryDb/ConnectionName}</c> (default <c>ConnectionStrings:sessions</c>). When
/// <c>Sessions/UserHashKeySecret</c> names a secret, its value, read the same way, becomes <c>Sessions:UserHashKey</c>;
/// when <c>Authentication/Oidc/ClientSecretSecret</c> does, <c>Authentication:Oidc:ClientSecret</c>.
/// A secret that cannot be read stops the load with a message naming the reference and the parameter that names it.
/// </summary>
public sealed class SsmParameterStoreSource : IConfigurationSource
{
    /// <summary>The parameter path, e.g. <c>/sessionapp/production/</c> (<c>Ssm:Path</c>). Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>How often the parameters are read again (<c>Ssm:ReloadInterval</c>). Default none: read once at start-up.</summary>
    public TimeSpan? ReloadInterval { get; set; }

    /// <summary>
    /// Creates the SSM client. Default: the AWS SDK's default credentials and region (in ECS, the task role and the
    /// task's region), 10 seconds per attempt and 2 retries, so an unreachable SSM stops start-up within about half a
    /// minute instead of the SDK's default of several minutes.
    /// </summary>
    public Func<IAmazonSimpleSystemsManagement> CreateClient { get; set; } =
        static () => new AmazonSimpleSystemsManagementClient(DefaultConfig());

    /// <summary>The client settings the default client uses: 10 seconds per attempt, 2 retries.</summary>
    /// <returns>A new configuration; its region and endpoint are left for the caller or the SDK to resolve.</returns>
    public static AmazonSimpleSystemsManagementConfig DefaultConfig() => new()
    {
        Timeout = TimeSpan.FromSeconds(10),
        MaxErrorRetry = 2,
    };

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new SsmParameterStoreProvider(this);
}
