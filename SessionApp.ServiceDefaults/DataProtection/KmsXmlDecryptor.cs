using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace SessionApp.ServiceDefaults.DataProtection;

/// <summary>
/// Reads a key that <see cref="KmsXmlEncryptor"/> protected. Data protection creates it by type name from the stored
/// XML, with the application's services, so an instance without a KMS key configured reports that, naming the
/// setting, instead of failing on a missing service.
/// </summary>
internal sealed class KmsXmlDecryptor : IXmlDecryptor
{
    private readonly KmsKeyRingProtection? _kms;

    public KmsXmlDecryptor(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _kms = services.GetService<KmsKeyRingProtection>();
    }

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (_kms is null)
        {
            throw new InvalidOperationException(
                $"The data protection key ring holds keys encrypted with AWS KMS, and {SessionDataProtectionOptions.SectionName}:KmsKeyId is not set on this instance.");
        }

        var keyArn = (string?)encryptedElement.Element(KmsXmlEncryptor.KeyArn)
            ?? throw new FormatException($"A KMS-encrypted data protection key has no <{KmsXmlEncryptor.KeyArn}> element.");
        var value = (string?)encryptedElement.Element(KmsXmlEncryptor.Value)
            ?? throw new FormatException($"A KMS-encrypted data protection key has no <{KmsXmlEncryptor.Value}> element.");
        var plaintext = _kms.Decrypt(Convert.FromBase64String(value), keyArn);
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
