using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using SessionApp.Aws;

namespace SessionApp.Tests.Aws;

/// <summary>
/// Synthesizes the SessionApp topology once for the <see cref="AwsStackGroup"/> test classes (jsii starts node: ≈5 s and ≈400 MB), and hands the
/// tests the template that was written to disk, both for CDK's assertions and as plain JSON.
/// </summary>
public sealed class SynthesizedStackFixture : IDisposable
{
    private readonly string? _directory;

    public SynthesizedStackFixture()
    {
        _directory = Directory.CreateTempSubdirectory("sessionapp-cdk-").FullName;
        Result = AwsStackSynthesizer.Synthesize(TestTopologies.SessionApp(), _directory);
        Json = File.ReadAllText(Result.TemplatePath);
        Template = Template.FromString(Json);
        Document = JsonNode.Parse(Json)!.AsObject();
    }

    private SynthesizedStackFixture(string json)
    {
        Result = null!;
        Json = json;
        Template = Template.FromString(json);
        Document = JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>Another template, read from disk (its folder belongs to the caller).</summary>
    public static SynthesizedStackFixture Load(string templatePath) => new(File.ReadAllText(templatePath));

    public AwsSynthesisResult Result { get; }

    /// <summary>The template as written.</summary>
    public string Json { get; }

    public Template Template { get; }

    public JsonObject Document { get; }

    /// <summary>Every resource of a CloudFormation type, by logical id.</summary>
    public IReadOnlyDictionary<string, JsonObject> Resources(string type) =>
        Document["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == type)
            .ToDictionary(r => r.Key, r => r.Value!.AsObject());

    /// <summary>The KMS key that protects the data protection key ring (the stack's other key encrypts its secrets).</summary>
    public KeyValuePair<string, JsonObject> DataProtectionKey() =>
        Resources("AWS::KMS::Key").Single(k => ((string)k.Value["Properties"]!["Description"]!).Contains("data protection", StringComparison.Ordinal));

    /// <summary>The KMS key that encrypts the stack's secrets in Secrets Manager.</summary>
    public KeyValuePair<string, JsonObject> SecretsKey() =>
        Resources("AWS::KMS::Key").Single(k => ((string)k.Value["Properties"]!["Description"]!).Contains("Secrets Manager", StringComparison.Ordinal));

    public void Dispose()
    {
        JsiiTemporaryFolders.DeleteThoseOfThisProcess();
        if (_directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
