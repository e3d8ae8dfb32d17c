using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// A stand-in for AWS Systems Manager that speaks its wire protocol (AWS JSON 1.1: <c>POST /</c> with
/// <c>X-Amz-Target: AmazonSSM.GetParametersByPath</c> or <c>AmazonSSM.GetParameter</c>, JSON in and out, errors as
/// <c>{"__type": …}</c>) on real Kestrel, so the real AWS SDK client talks to it through <c>ServiceURL</c>.
/// It pages <c>GetParametersByPath</c> at <see cref="PageSize"/>, honours <c>Recursive</c> and <c>WithDecryption</c>
/// (a SecureString's value without decryption is an opaque cipher text), and serves Secrets Manager secrets under
/// <c>/aws/reference/secretsmanager/</c> to <c>GetParameter</c> only, as SSM does. Requests are recorded.
/// </summary>
public sealed class SsmProtocolServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Value, bool Secure)> _parameters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Target, JsonObject Body)> _requests = new();

    private SsmProtocolServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The endpoint to give the SDK as its <c>ServiceURL</c>.</summary>
    public Uri Address { get; }

    /// <summary>The most parameters one <c>GetParametersByPath</c> page returns (SSM's own limit is 10).</summary>
    public int PageSize { get; set; } = 3;

    /// <summary>Every request, in order: its <c>X-Amz-Target</c> operation and JSON body.</summary>
    public IReadOnlyList<(string Target, JsonObject Body)> Requests => [.. _requests];

    public static async Task<SsmProtocolServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SsmProtocolServer(app, new Uri($"http://127.0.0.1:{port}/"));
        app.MapPost("/", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    public void Put(string name, string value, bool secure = false) => _parameters[name] = (value, secure);

    public void Remove(string name) => _parameters.TryRemove(name, out _);

    /// <summary>A Secrets Manager secret, readable through <c>/aws/reference/secretsmanager/{name}</c>.</summary>
    public void PutSecret(string name, string value) => _secrets[name] = value;

    public static string CipherText(string value) => "AQICAHi" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)).Replace("=", "", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var body = (await JsonNode.ParseAsync(context.Request.Body))?.AsObject() ?? [];
        var operation = target.StartsWith("AmazonSSM.", StringComparison.Ordinal) ? target["AmazonSSM.".Length..] : target;
        _requests.Enqueue((operation, body));
        var (status, reply) = operation switch
        {
            "GetParametersByPath" => GetParametersByPath(body),
            "GetParameter" => GetParameter(body),
            _ => Error("InvalidAction", $"Operation '{target}' is not served here."),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(reply.ToJsonString());
    }

    private (int, JsonObject) GetParametersByPath(JsonObject body)
    {
        var path = (string?)body["Path"] ?? "";
        if (!path.StartsWith('/'))
        {
            return Error("ValidationException", "Path must start with '/'.");
        }

        var prefix = path.EndsWith('/') ? path : path + "/";
        var recursive = (bool?)body["Recursive"] ?? false;
        var decrypt = (bool?)body["WithDecryption"] ?? false;
        var max = Math.Min((int?)body["MaxResults"] ?? 10, PageSize);
        var start = body["NextToken"] is { } token ? int.Parse((string)token!, CultureInfo.InvariantCulture) : 0;
        var matching = _parameters
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && (recursive || !p.Key[prefix.Length..].Contains('/', StringComparison.Ordinal)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(start).Take(max).Select(p => (JsonNode)Describe(p.Key, p.Value.Value, p.Value.Secure, decrypt)).ToArray();
        var reply = new JsonObject { ["Parameters"] = new JsonArray(page) };
        if (start + max < matching.Count)
        {
            reply["NextToken"] = (start + max).ToString(CultureInfo.InvariantCulture);
        }

        return (200, reply);
    }

    private (int, JsonObject) GetParameter(JsonObject body)
    {
        var name = (string?)body["Name"] ?? "";
        var decrypt = (bool?)body["WithDecryption"] ?? false;
        const string Reference = "/aws/reference/secretsmanager/";
        if (name.StartsWith(Reference, StringComparison.Ordinal))
        {
            if (!decrypt)
            {
                return Error("ValidationException", "WithDecryption flag must be True for retrieving a Secret Manager secret.");
            }

            return _secrets.TryGetValue(name[Reference.Length..], out var secret)
                ? (200, new JsonObject { ["Parameter"] = Describe(name, secret, secure: true, decrypt: true) })
                : Error("ParameterNotFound", $"Secret {name[Reference.Length..]} not found.");
        }

        return _parameters.TryGetValue(name, out var parameter)
            ? (200, new JsonObject { ["Parameter"] = Describe(name, parameter.Value, parameter.Secure, decrypt) })
            : Error("ParameterNotFound", $"Parameter {name} not found.");
    }

    private static JsonObject Describe(string name, string value, bool secure, bool decrypt) => new()
    {
        ["Name"] = name,
        ["Type"] = secure ? "SecureString" : "String",
        ["Value"] = secure && !decrypt ? CipherText(value) : value,
        ["Version"] = 1,
        ["DataType"] = "text",
        ["ARN"] = "arn:aws:ssm:us-east-1:123456789012:parameter" + name,
        ["LastModifiedDate"] = 1.7e9,
    };

    private static (int, JsonObject) Error(string type, string message) =>
        (400, new JsonObject { ["__type"] = type, ["message"] = message });
}
