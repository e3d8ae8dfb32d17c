using System.Text.Json.Nodes;

namespace SessionApp.Tests.Aws;

/// <summary>Walks a CloudFormation template as JSON.</summary>
internal static class TemplateJson
{
    /// <summary>Every (property name, string value) pair anywhere under <paramref name="node"/>; array items carry their array's name.</summary>
    public static IEnumerable<(string Name, string Value)> Strings(JsonNode? node, string name = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var pair in Strings(value, key))
                    {
                        yield return pair;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var pair in Strings(item, name))
                    {
                        yield return pair;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (name, text);
                break;
        }
    }

    /// <summary>A JSON value as a list: CloudFormation allows a single item where a list is expected.</summary>
    public static IReadOnlyList<JsonNode?> AsList(JsonNode? node) => node is JsonArray array ? [.. array] : [node];

    /// <summary>The logical id a <c>{"Fn::GetAtt": [id, attr]}</c> or <c>{"Ref": id}</c> points at.</summary>
    public static string? Target(JsonNode? node) => node is JsonObject obj
        ? obj["Fn::GetAtt"]?[0]?.GetValue<string>() ?? obj["Ref"]?.GetValue<string>()
        : null;
}
