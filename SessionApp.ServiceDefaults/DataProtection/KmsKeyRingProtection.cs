using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;

namespace SessionApp.ServiceDefaults.DataProtection;

/// <summary>
/// Encrypts and decrypts the data protection keys' XML with one AWS KMS key, under an encryption context that names
/// the purpose and the application, so a ciphertext made for another purpose or application does not decrypt here.
/// A key's XML is about 1 KB, well under KMS's 4 KB limit for <c>Encrypt</c>, so it is encrypted directly.
/// </summary>
internal sealed class KmsKeyRingProtection
{
    /// <summary>The encryption context's key for the purpose; an IAM condition on the task role can require it.</summary>
    public const string PurposeKey = "sessionapp:purpose";

    /// <summary>The purpose every key-ring ciphertext is bound to.</summary>
    public const string Purpose = "data-protection-key-ring";

    /// <summary>The encryption context's key for <see cref="SessionDataProtectionOptions.ApplicationName"/>.</summary>
    public const string ApplicationKey = "sessionapp:application";

    private const string KeyIdSetting = SessionDataProtectionOptions.SectionName + ":KmsKeyId";
    private readonly IAmazonKeyManagementService _kms;
    private readonly Dictionary<string, string> _context;

    public KmsKeyRingProtection(IAmazonKeyManagementService kms, string keyId, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(kms);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationName);
        _kms = kms;
        KeyId = keyId;
        _context = new Dictionary<string, string>(StringComparer.Ordinal) { [PurposeKey] = Purpose, [ApplicationKey] = applicationName };
    }

    /// <summary>The configured key: an id, an ARN or an alias.</summary>
    public string KeyId { get; }

    /// <summary>The client's settings for KMS: 5 seconds per attempt, 2 retries.</summary>
    /// <param name="serviceUrl">Another endpoint, or null for the SDK's regional one.</param>
    public static AmazonKeyManagementServiceConfig ClientConfig(string? serviceUrl)
    {
        var config = new AmazonKeyManagementServiceConfig { Timeout = TimeSpan.FromSeconds(5), MaxErrorRetry = 2 };
        if (!string.IsNullOrWhiteSpace(serviceUrl))
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
        }

        return config;
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> with the configured key. Data protection's encryptor interface is
    /// synchronous, and it calls it only when it creates a key (every 90 days per ring), so this waits on the call.
    /// </summary>
    /// <returns>The ciphertext, and the key's ARN as KMS reports it.</returns>
    public (byte[] Ciphertext, string KeyArn) Encrypt(byte[] plaintext)
    {
        var request = new EncryptRequest { KeyId = KeyId, Plaintext = new MemoryStream(plaintext), EncryptionContext = _context };
        var response = Call(() => _kms.EncryptAsync(request), "encrypt a new key with");
        return (response.CiphertextBlob.ToArray(), response.KeyId);
    }

    /// <summary>
    /// Decrypts a ciphertext made by <see cref="Encrypt"/>, naming the key it was made with (a key ring outlives a
    /// change of <c>DataProtection:KmsKeyId</c>: older keys are read with the key that encrypted them). Data
    /// protection reads the ring at start-up and then about once a day.
    /// </summary>
    public byte[] Decrypt(byte[] ciphertext, string keyArn)
    {
        var request = new DecryptRequest { CiphertextBlob = new MemoryStream(ciphertext), KeyId = keyArn, EncryptionContext = _context };
        var response = Call(() => _kms.DecryptAsync(request), "decrypt a key with");
        return response.Plaintext.ToArray();
    }

    private T Call<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return Task.Run(call).GetAwaiter().GetResult();
        }
        catch (AmazonServiceException ex)
        {
            throw new InvalidOperationException(
                $"The data protection key ring could not {what} KMS key '{KeyId}' ({KeyIdSetting}): {ex.ErrorCode}: {ex.Message}", ex);
        }
        catch (AmazonClientException ex)
        {
            throw new InvalidOperationException(
                $"The data protection key ring could not {what} KMS key '{KeyId}' ({KeyIdSetting}): KMS was not reached: {ex.Message}", ex);
        }
    }
}
