using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace SessionApp.Aws.Stack;

/// <summary>
/// The KMS key that protects the data protection key ring at rest (ServiceDefaults' <c>DataProtection:KmsKeyId</c>):
/// every key of the ring is stored in MemoryDB as this key's ciphertext. Its own key, apart from the one behind the
/// secrets, so the services may encrypt with it and decrypt with it directly (the secrets' key decrypts only through
/// Secrets Manager), and only under the key ring's encryption context. Rotated yearly by KMS; kept when the stack
/// goes or the key would be replaced, since without it no stored key, and so no signed-in user's cookie, can be read;
/// deleted (scheduled) only when the create that made it is rolled back, so a failed first deployment leaves none.
/// </summary>
internal sealed class DataProtectionKey : Construct
{
    /// <summary>The encryption context ServiceDefaults binds every key-ring ciphertext to (<c>KmsKeyRingProtection</c>).</summary>
    public const string PurposeContextKey = "sessionapp:purpose";

    /// <summary>The purpose in that context.</summary>
    public const string Purpose = "data-protection-key-ring";

    public DataProtectionKey(Construct scope, string id, AwsTopology topology)
        : base(scope, id)
    {
        Key = new Key(this, "Key", new KeyProps
        {
            Description = $"SessionApp {topology.Environment}: encrypts the ASP.NET Core data protection key ring kept in MemoryDB",
            EnableKeyRotation = true,
            Alias = $"alias/sessionapp-{topology.Environment}-data-protection",
            RemovalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
        });
    }

    public Key Key { get; }

    /// <summary>Lets <paramref name="grantee"/> encrypt and decrypt with the key, only under the key ring's encryption context.</summary>
    public void GrantKeyRingProtection(IGrantable grantee) =>
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ProtectDataProtectionKeyRing",
            Actions = new[] { "kms:Encrypt", "kms:Decrypt" },
            Resources = new[] { Key.KeyArn },
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { [$"kms:EncryptionContext:{PurposeContextKey}"] = Purpose },
            },
        }));
}
