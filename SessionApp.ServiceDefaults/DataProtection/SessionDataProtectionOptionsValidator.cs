using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SessionApp.ServiceDefaults.DataProtection;

/// <summary>
/// Reports every problem with <see cref="SessionDataProtectionOptions"/> at once, each naming its configuration key:
/// blank names, a KMS key and a certificate both set, a certificate that cannot be read or has no RSA private key, and, in Production, a key ring that
/// would be stored unprotected without <c>DataProtection:AllowUnprotectedKeys</c>.
/// </summary>
internal sealed class SessionDataProtectionOptionsValidator : IValidateOptions<SessionDataProtectionOptions>
{
    private const string Section = SessionDataProtectionOptions.SectionName;
    private readonly IHostEnvironment _environment;

    public SessionDataProtectionOptionsValidator(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
    }

    public ValidateOptionsResult Validate(string? name, SessionDataProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApplicationName))
        {
            errors.Add($"{Section}:ApplicationName must not be empty: every instance must share one name.");
        }

        if (string.IsNullOrWhiteSpace(options.RedisKey))
        {
            errors.Add($"{Section}:RedisKey must not be empty: it names the Redis list that holds the key ring.");
        }

        if (options.HasKmsKey && options.HasCertificate)
        {
            errors.Add($"{Section}:KmsKeyId and a certificate ({Section}:CertificatePath or {Section}:CertificateBase64) are both set: set one.");
        }
        else if (options.HasKmsKey)
        {
            if (options.KmsServiceUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                errors.Add($"{Section}:KmsServiceUrl '{url}' is not an absolute URL.");
            }
        }
        else
        {
            ValidateWithoutKms(options, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateWithoutKms(SessionDataProtectionOptions options, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(options.KmsServiceUrl))
        {
            errors.Add($"{Section}:KmsServiceUrl is set but {Section}:KmsKeyId is not: without a key, KMS protects nothing.");
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !string.IsNullOrWhiteSpace(options.CertificateBase64))
        {
            errors.Add($"{Section}:CertificatePath and {Section}:CertificateBase64 are both set: set one.");
        }
        else if (options.HasCertificate)
        {
            var key = string.IsNullOrWhiteSpace(options.CertificateBase64) ? Section + ":CertificatePath" : Section + ":CertificateBase64";
            try
            {
                using var certificate = KeyRingCertificate.Load(options);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
            {
                // The exception's message, never the password.
                errors.Add($"{key} cannot be used to protect the key ring: {ex.Message} (with {Section}:CertificatePassword if the file has one).");
            }
        }
        else if (_environment.IsProduction() && !options.AllowUnprotectedKeys)
        {
            errors.Add($"{Section}:KmsKeyId or {Section}:CertificatePath (or {Section}:CertificateBase64) must be set in Production: without one the data protection key ring is stored unencrypted in Redis, beside the data it protects. Set {Section}:AllowUnprotectedKeys=true to start anyway.");
        }
    }
}
