using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// A stand-in for AWS KMS that speaks its wire protocol (AWS JSON 1.1: <c>POST /</c> with
/// <c>X-Amz-Target: TrentService.Encrypt</c> or <c>TrentService.Decrypt</c>, base64 blobs in JSON, errors as
/// <c>{"__type": …}</c>) on real Kestrel, so the real AWS SDK client talks to it through <c>ServiceURL</c>.
/// Each key is a real AES-256-GCM key; the encryption context is authenticated with the ciphertext, so a
/// ciphertext decrypts only under the context it was made with, as with KMS. Keys are named by id, ARN or alias.
/// </summary>
public sealed class KmsProtocolServer : IAsyncDisposable
{
    private const string ArnPrefix = "arn:aws:kms:us-east-1:123456789012:";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<Guid, byte[]> _keys = new();
    private readonly ConcurrentDictionary<string, Guid> _aliases = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Operation, JsonObject Body)> _requests = new();
    private readonly ConcurrentQueue<(string Operation, string Error)> _errors = new();

    private KmsProtocolServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The endpoint to give the SDK as its <c>ServiceURL</c>.</summary>
    public Uri Address { get; }

    /// <summary>Every request, in order: its operation and JSON body.</summary>
    public IReadOnlyList<(string Operation, JsonObject Body)> Requests => [.. _requests];

    /// <summary>Every error answered, in order: the operation and the error's <c>__type</c>.</summary>
    public IReadOnlyList<(string Operation, string Error)> Errors => [.. _errors];

    public static async Task<KmsProtocolServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new KmsProtocolServer(app, new Uri($"http://127.0.0.1:{port}/"));
        app.MapPost("/", server.HandleAsync);
        await app.StartAsync();
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Arn(Guid id) => $"{ArnPrefix}key/{id}";

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var body = (await JsonNode.ParseAsync(context.Request.Body))?.AsObject() ?? [];
        var operation = target.StartsWith("TrentService.", StringComparison.Ordinal) ? target["TrentService.".Length..] : target;
        _requests.Enqueue((operation, body));
        var (status, reply) = operation switch
        {
            "Encrypt" => Encrypt(body),
            "Decrypt" => Decrypt(body),
            _ => Error("InvalidAction", $"Operation '{target}' is not served here."),
        };
        if (status != 200)
        {
            _errors.Enqueue((operation, (string)reply["__type"]!));
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(reply.ToJsonString());
    }

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

    private static (int, JsonObject) Error(string type, string message) =>
        (400, new JsonObject { ["__type"] = type, ["message"] = message });
}
