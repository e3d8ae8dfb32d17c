using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// A stand-in for AWS Systems Manager that speaks its wire protocol (<see cref="AwsJsonProtocolServer"/>, target
/// prefix <c>AmazonSSM</c>): <c>GetParametersByPath</c> and <c>GetParameter</c>.
/// It pages <c>GetParametersByPath</c> at <see cref="PageSize"/>, honours <c>Recursive</c> and <c>WithDecryption</c>
/// (a SecureString's value without decryption is an opaque cipher text), and serves Secrets Manager secrets under
/// <c>/aws/reference/secretsmanager/</c> to <c>GetParameter</c> only, as SSM does.
/// </summary>
public sealed class SsmProtocolServer : AwsJsonProtocolServer
{
    private readonly ConcurrentDictionary<string, (string Value, bool Secure)> _parameters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);

    private SsmProtocolServer()
        : base("AmazonSSM")
    {
    }

    /// <summary>The most parameters one <c>GetParametersByPath</c> page returns (SSM's own limit is 10).</summary>
    public int PageSize { get; set; } = 3;

    public static async Task<SsmProtocolServer> StartAsync()
    {
        var server = new SsmProtocolServer();
        await server.ListenAsync();
        return server;
    }

    public void Put(string name, string value, bool secure = false) => _parameters[name] = (value, secure);

    public void Remove(string name) => _parameters.TryRemove(name, out _);

    /// <summary>A Secrets Manager secret, readable through <c>/aws/reference/secretsmanager/{name}</c>.</summary>
    public void PutSecret(string name, string value) => _secrets[name] = value;

    public static string CipherText(string value) => "AQICAHi" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)).Replace("=", "", StringComparison.Ordinal);

    protected override (int Status, JsonObject Reply) Handle(string operation, JsonObject body) => operation switch
    {
        "GetParametersByPath" => GetParametersByPath(body),
        "GetParameter" => GetParameter(body),
        _ => Error("InvalidAction", $"Operation '{operation}' is not served here."),
    };

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
}
