using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using SessionApp.Aws;

namespace SessionApp.Tests.Aws;

/// <summary>
/// Synthesizes the SessionApp topology once for the <see cref="AwsStackGroup"/> test classes (jsii starts node: ≈5 s
/// and ≈400 MB), for production (this object) and for staging (<see cref="Staging"/>, the small preset), and hands
/// the tests the templates that were written to disk, both for CDK's assertions and as plain JSON.
/// </summary>
public sealed class SynthesizedStackFixture : IDisposable
{
    private readonly string? _directory;
    private readonly SynthesizedStackFixture? _staging;

    public SynthesizedStackFixture()
    {
        _directory = Directory.CreateTempSubdirectory("sessionapp-cdk-").FullName;
        Result = AwsStackSynthesizer.Synthesize(TestTopologies.SessionApp(), Path.Combine(_directory, "production"));
        Json = File.ReadAllText(Result.TemplatePath);
        Template = Template.FromString(Json);
        Document = JsonNode.Parse(Json)!.AsObject();
        var staging = AwsStackSynthesizer.Synthesize(TestTopologies.SessionApp("staging"), Path.Combine(_directory, "staging"));
        _staging = new SynthesizedStackFixture(File.ReadAllText(staging.TemplatePath)) { Result = staging };
    }

    private SynthesizedStackFixture(string json)
    {
        Result = null!;
        Json = json;
        Template = Template.FromString(json);
        Document = JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>The same topology synthesized for staging (the small preset); its own <see cref="Result"/> names its assembly.</summary>
    public SynthesizedStackFixture Staging => _staging ?? throw new InvalidOperationException("Only the shared fixture has a staging template.");

    /// <summary>Both templates, production's first.</summary>
    public IReadOnlyList<SynthesizedStackFixture> Environments => [this, Staging];

    /// <summary>Another template, read from disk (its folder belongs to the caller).</summary>
    public static SynthesizedStackFixture Load(string templatePath) => new(File.ReadAllText(templatePath));

    public AwsSynthesisResult Result { get; private init; }

    /// <summary>The template as written.</summary>
    public string Json { get; }

    public Template Template { get; }

    public JsonObject Document { get; }

    /// <summary>The stack's name (e.g. <c>SessionApp-staging</c>), for messages.</summary>
    public string Name => Result?.StackName ?? "a loaded template";

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
