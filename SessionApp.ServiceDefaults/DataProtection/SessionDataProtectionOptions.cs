namespace SessionApp.ServiceDefaults.DataProtection;

/// <summary>
/// Where the data protection key ring lives, bound from the <c>DataProtection</c> section. Every instance of every
/// service with the same <see cref="ApplicationName"/> and <see cref="RedisKey"/> shares one key ring, so cookies and
/// antiforgery tokens minted by one instance are accepted by all the others.
/// </summary>
public sealed class SessionDataProtectionOptions
{
    /// <summary>The configuration section: <c>DataProtection</c>.</summary>
    public const string SectionName = "DataProtection";

    /// <summary>The application discriminator that isolates payloads (<c>DataProtection:ApplicationName</c>). Default <c>SessionApp</c>.</summary>
    public string ApplicationName { get; set; } = "SessionApp";

    /// <summary>The Redis list that holds the key ring (<c>DataProtection:RedisKey</c>). Default <c>sessionapp:dataprotection-keys</c>.</summary>
    public string RedisKey { get; set; } = "sessionapp:dataprotection-keys";
}
