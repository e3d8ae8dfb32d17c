namespace SessionApp.ServiceDefaults.DataProtection;

/// <summary>
/// Where the data protection key ring lives and how it is protected at rest, bound from the <c>DataProtection</c>
/// section. Every instance of every service with the same <see cref="ApplicationName"/> and <see cref="RedisKey"/>
/// shares one key ring, so cookies and antiforgery tokens minted by one instance are accepted by all the others.
/// </summary>
public sealed class SessionDataProtectionOptions
{
    /// <summary>The configuration section: <c>DataProtection</c>.</summary>
    public const string SectionName = "DataProtection";

    /// <summary>The application discriminator that isolates payloads (<c>DataProtection:ApplicationName</c>). Default <c>SessionApp</c>.</summary>
    public string ApplicationName { get; set; } = "SessionApp";

    /// <summary>The Redis list that holds the key ring (<c>DataProtection:RedisKey</c>). Default <c>sessionapp:dataprotection-keys</c>.</summary>
    public string RedisKey { get; set; } = "sessionapp:dataprotection-keys";

    /// <summary>
    /// A certificate with an RSA private key that encrypts every key of the ring before it is stored
    /// (<c>DataProtection:CertificatePath</c>): a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) or a PEM file holding the
    /// certificate and its private key. The same certificate on every instance. Default none.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>
    /// The same certificate as base64 of a PKCS#12 file, for secrets passed as environment variables
    /// (<c>DataProtection:CertificateBase64</c>); set this or <see cref="CertificatePath"/>, not both. Default none.
    /// </summary>
    public string? CertificateBase64 { get; set; }

    /// <summary>The PKCS#12 file's password (<c>DataProtection:CertificatePassword</c>). Default none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// An AWS KMS key that encrypts every key of the ring before it is stored (<c>DataProtection:KmsKeyId</c>): its
    /// id, ARN or <c>alias/…</c> name. Each key is encrypted by <c>kms:Encrypt</c> under an encryption context naming
    /// the purpose and <see cref="ApplicationName"/>, and read back with <c>kms:Decrypt</c>; the instance needs both
    /// permissions. Set this or a certificate, not both. Default none.
    /// </summary>
    public string? KmsKeyId { get; set; }

    /// <summary>
    /// Another endpoint for KMS (<c>DataProtection:KmsServiceUrl</c>), e.g. a VPC endpoint's URL. Default none: the
    /// SDK's regional endpoint for <c>AWS_REGION</c>.
    /// </summary>
    public string? KmsServiceUrl { get; set; }

    /// <summary>
    /// Lets a Production instance start with no certificate or KMS key, its key ring stored unencrypted in Redis beside the
    /// data it protects (<c>DataProtection:AllowUnprotectedKeys</c>). Default false: Production refuses to start.
    /// Other environments start without a certificate either way (data protection logs a warning).
    /// </summary>
    public bool AllowUnprotectedKeys { get; set; }

    /// <summary>Whether a KMS key is configured.</summary>
    internal bool HasKmsKey => !string.IsNullOrWhiteSpace(KmsKeyId);

    /// <summary>Whether a certificate is configured.</summary>
    internal bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificateBase64);
}
