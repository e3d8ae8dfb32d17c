using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>A throwaway self-signed RSA certificate with its key, as a password-protected PKCS#12 file and as base64 of it.</summary>
public sealed class KeyRingCertificateFile : IDisposable
{
    public const string Password = "key-ring-test-password";

    private KeyRingCertificateFile(string path, string base64)
    {
        Path = path;
        Base64 = base64;
    }

    public string Path { get; }

    public string Base64 { get; }

    public static KeyRingCertificateFile Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=SessionApp key ring test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = certificate.Export(X509ContentType.Pfx, Password);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sessionapp-keyring-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, pfx);
        return new KeyRingCertificateFile(path, Convert.ToBase64String(pfx));
    }

    public void Dispose() => File.Delete(Path);
}
