using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace SessionApp.ServiceDefaults.DataProtection;

/// <summary>
/// Protects each data protection key at rest with AWS KMS: the key's XML is replaced by
/// <c>&lt;encryptedKey&gt;&lt;kmsKeyArn&gt;…&lt;/kmsKeyArn&gt;&lt;value&gt;base64&lt;/value&gt;&lt;/encryptedKey&gt;</c>,
/// which <see cref="KmsXmlDecryptor"/> reads back.
/// </summary>
internal sealed class KmsXmlEncryptor : IXmlEncryptor
{
    internal static readonly XName Root = "encryptedKey";
    internal static readonly XName KeyArn = "kmsKeyArn";
    internal static readonly XName Value = "value";
    private readonly KmsKeyRingProtection _kms;

    public KmsXmlEncryptor(KmsKeyRingProtection kms)
    {
        ArgumentNullException.ThrowIfNull(kms);
        _kms = kms;
    }

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var (ciphertext, keyArn) = _kms.Encrypt(Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)));
        var element = new XElement(Root,
            new XComment(" This key is encrypted with AWS KMS. "),
            new XElement(KeyArn, keyArn),
            new XElement(Value, Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(KmsXmlDecryptor));
    }
}
