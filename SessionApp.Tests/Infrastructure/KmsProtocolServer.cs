using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// A stand-in for AWS KMS that speaks its wire protocol (<see cref="AwsJsonProtocolServer"/>, target prefix
/// <c>TrentService</c>): <c>Encrypt</c> and <c>Decrypt</c>, blobs in base64.
/// Each key is a real AES-256-GCM key; the encryption context is authenticated with the ciphertext, so a
/// ciphertext decrypts only under the context it was made with, as with KMS. Keys are named by id, ARN or alias.
/// </summary>
public sealed class KmsProtocolServer : AwsJsonProtocolServer
{
    private const string ArnPrefix = "arn:aws:kms:us-east-1:123456789012:";
    private readonly ConcurrentDictionary<Guid, byte[]> _keys = new();
    private readonly ConcurrentDictionary<string, Guid> _aliases = new(StringComparer.Ordinal);

    private KmsProtocolServer()
        : base("TrentService")
    {
    }

    public static async Task<KmsProtocolServer> StartAsync()
    {
        var server = new KmsProtocolServer();
        await server.ListenAsync();
        return server;
    }

    /// <summary>Creates a key, optionally under <c>alias/{alias}</c>, and returns its ARN.</summary>
    public string CreateKey(string? alias = null)
    {
        var id = Guid.NewGuid();
        _keys[id] = RandomNumberGenerator.GetBytes(32);
        if (alias is not null)
        {
            _aliases["alias/" + alias] = id;
        }

        return Arn(id);
    }

    private static string Arn(Guid id) => $"{ArnPrefix}key/{id}";

    protected override (int Status, JsonObject Reply) Handle(string operation, JsonObject body) => operation switch
    {
        "Encrypt" => Encrypt(body),
        "Decrypt" => Decrypt(body),
        _ => Error("InvalidAction", $"Operation '{operation}' is not served here."),
    };

    private (int, JsonObject) Encrypt(JsonObject body)
    {
        if (!TryResolve((string?)body["KeyId"], out var id))
        {
            return Error("NotFoundException", $"Key '{(string?)body["KeyId"]}' does not exist");
        }

        var plaintext = Convert.FromBase64String((string?)body["Plaintext"] ?? "");
        if (plaintext.Length is 0 or > 4096)
        {
            return Error("ValidationException", "Plaintext must be between 1 and 4096 bytes.");
        }

        // The blob: the key's id, the nonce, the tag, the ciphertext.
        var blob = new byte[16 + 12 + 16 + plaintext.Length];
        id.TryWriteBytes(blob.AsSpan(0, 16));
        RandomNumberGenerator.Fill(blob.AsSpan(16, 12));
        using var aes = new AesGcm(_keys[id], 16);
        aes.Encrypt(blob.AsSpan(16, 12), plaintext, blob.AsSpan(44), blob.AsSpan(28, 16), Context(body));
        return (200, new JsonObject
        {
            ["CiphertextBlob"] = Convert.ToBase64String(blob),
            ["KeyId"] = Arn(id),
            ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
        });
    }

    private (int, JsonObject) Decrypt(JsonObject body)
    {
        var blob = Convert.FromBase64String((string?)body["CiphertextBlob"] ?? "");
        if (blob.Length <= 44 || !_keys.TryGetValue(new Guid(blob.AsSpan(0, 16)), out var key))
        {
            return Error("InvalidCiphertextException", "The ciphertext is not one this service made.");
        }

        var id = new Guid(blob.AsSpan(0, 16));
        if (body["KeyId"] is not null && (!TryResolve((string?)body["KeyId"], out var named) || named != id))
        {
            return Error("IncorrectKeyException", "The key ID in the request does not identify the key that encrypted the ciphertext.");
        }

        var plaintext = new byte[blob.Length - 44];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(blob.AsSpan(16, 12), blob.AsSpan(44), blob.AsSpan(28, 16), plaintext, Context(body));
        }
        catch (AuthenticationTagMismatchException)
        {
            return Error("InvalidCiphertextException", "The ciphertext or its encryption context does not match.");
        }

        return (200, new JsonObject
        {
            ["Plaintext"] = Convert.ToBase64String(plaintext),
            ["KeyId"] = Arn(id),
            ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
        });
    }

    private bool TryResolve(string? keyId, out Guid id)
    {
        id = default;
        if (keyId is null)
        {
            return false;
        }

        if (keyId.StartsWith(ArnPrefix, StringComparison.Ordinal))
        {
            keyId = keyId[ArnPrefix.Length..];
            keyId = keyId.StartsWith("key/", StringComparison.Ordinal) ? keyId["key/".Length..] : keyId;
        }

        return keyId.StartsWith("alias/", StringComparison.Ordinal)
            ? _aliases.TryGetValue(keyId, out id)
            : Guid.TryParse(keyId, out id) && _keys.ContainsKey(id);
    }

    /// <summary>The encryption context as authenticated data: its pairs sorted by key.</summary>
    private static byte[] Context(JsonObject body) => Encoding.UTF8.GetBytes(string.Join('\n',
        (body["EncryptionContext"]?.AsObject() ?? []).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={(string?)p.Value}")));
}
