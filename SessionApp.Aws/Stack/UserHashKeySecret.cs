using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace SessionApp.Aws.Stack;

/// <summary>
/// The key that names per-user data in Redis (the engine's <c>Sessions:UserHashKey</c>, an HMAC key), generated once
/// in Secrets Manager and shared by every instance of every service. The template and SSM hold only its name; the
/// services read it through SSM's <c>/aws/reference/secretsmanager/</c> path, as they read the MemoryDB password.
/// </summary>
internal sealed class UserHashKeySecret : Construct
{
    /// <summary>
    /// Letters and digits only: each of them is a base64 character, so 44 of them are valid base64 of 33 bytes (the
    /// engine asks for at least 32), with log2(62) ≈ 5.95 random bits each, ≈ 262 bits in all.
    /// </summary>
    public const int Length = 44;

    public UserHashKeySecret(Construct scope, string id, AwsTopology topology, IKey key)
        : base(scope, id)
    {
        SecretName = $"sessionapp/{topology.Environment}/user-hash-key";
        Secret = new Secret(this, "Secret", new SecretProps
        {
            // A fixed name: the services read it as SSM's /aws/reference/secretsmanager/{name}, and the task role may read only that.
            SecretName = SecretName,
            Description = "Sessions:UserHashKey of every SessionApp service: base64 of 33 random bytes keying the hash that names per-user data in Redis",
            EncryptionKey = key,
            RemovalPolicy = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
            GenerateSecretString = new SecretStringGenerator
            {
                PasswordLength = Length,
                ExcludePunctuation = true,
                IncludeSpace = false,
            },
        });
    }

    /// <summary>The secret's name, as written (e.g. <c>sessionapp/production/user-hash-key</c>).</summary>
    public string SecretName { get; }

    public Secret Secret { get; }
}
