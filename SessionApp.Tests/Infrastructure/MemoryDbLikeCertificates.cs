using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// A throwaway CA and a certificate for 127.0.0.1 signed by it, as PEM files for redis-server. The certificate is
/// good for both ends of a TLS connection (server and client authentication): cluster nodes present it to each other
/// on the TLS cluster bus, and a node refuses a peer whose certificate is for servers only.
/// </summary>
public sealed class MemoryDbLikeCertificates
{
    private MemoryDbLikeCertificates(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string CaCertificatePath => Path.Combine(Directory, "ca.crt");

    public string ServerCertificatePath => Path.Combine(Directory, "node.crt");

    public string ServerKeyPath => Path.Combine(Directory, "node.key");

    public static MemoryDbLikeCertificates Create()
    {
        var certificates = new MemoryDbLikeCertificates(System.IO.Directory.CreateTempSubdirectory("sessionapp-memorydb-tls-").FullName);
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);

        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=SessionApp MemoryDB-like Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var nodeKey = RSA.Create(2048);
        var nodeRequest = new CertificateRequest("CN=127.0.0.1", nodeKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        nodeRequest.CertificateExtensions.Add(names.Build());
        nodeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var node = nodeRequest.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));

        File.WriteAllText(certificates.CaCertificatePath, ca.ExportCertificatePem());
        File.WriteAllText(certificates.ServerCertificatePath, node.ExportCertificatePem());
        File.WriteAllText(certificates.ServerKeyPath, nodeKey.ExportPkcs8PrivateKeyPem());
        return certificates;
    }

    public void Delete()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
