using System.Security.Cryptography.X509Certificates;

namespace SessionApp.ServiceDefaults.DataProtection;

/// <summary>Loads the certificate that protects the key ring at rest, as <see cref="SessionDataProtectionOptions"/> names it.</summary>
internal static class KeyRingCertificate
{
    /// <summary>
    /// The configured certificate, or null when none is; throws <see cref="System.Security.Cryptography.CryptographicException"/>,
    /// an I/O or <see cref="FormatException"/> when it cannot be read and <see cref="InvalidOperationException"/> when it has
    /// no RSA private key.
    /// </summary>
    public static X509Certificate2? Load(SessionDataProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        X509Certificate2 certificate;
        if (!string.IsNullOrWhiteSpace(options.CertificateBase64))
        {
            certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(options.CertificateBase64.Trim()), options.CertificatePassword);
        }
        else if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            certificate = options.CertificatePath.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
                ? X509Certificate2.CreateFromPemFile(options.CertificatePath)
                : X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }
        else
        {
            return null;
        }

        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException("The certificate has no RSA private key.");
        }

        return certificate;
    }
}
