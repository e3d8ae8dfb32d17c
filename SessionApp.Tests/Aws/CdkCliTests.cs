using System.Text.Json.Nodes;
using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Aws;

/// <summary>
/// The cloud assembly the publish step writes is one the CDK CLI at the pinned version (the version of Amazon.CDK.Lib,
/// which the deploy workflow runs with npx) accepts: it lists the stack, synthesizes it back to the same template and
/// diffs it, all without an AWS account (<c>scripts/cdk-cli.sh</c>, installed from the npm registry by the test command).
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed class CdkCliTests(SynthesizedStackFixture stack, ITestOutputHelper output)
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(2);

    /// <summary>No credentials, and no waiting on an instance metadata service that is not there.</summary>
    private static readonly Dictionary<string, string> NoAccount = new()
    {
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_ACCESS_KEY_ID"] = "",
        ["AWS_SECRET_ACCESS_KEY"] = "",
        ["AWS_PROFILE"] = "",
    };

    private async Task<ToolRun> CdkAsync(params string[] arguments)
    {
        var run = await ToolRun.RunAsync(RepositoryRoot.Script("cdk-cli.sh"), arguments, CliTimeout, NoAccount);
        output.WriteLine($"cdk {string.Join(' ', arguments)} → {run.ExitCode}\n{run.Output}");
        return run;
    }

    [Fact]
    public async Task CdkCli_PinnedVersion_IsAmazonCdkLibsVersion()
    {
        // Arrange
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props"));
        var pinned = props.Descendants("PackageVersion").Single(p => (string?)p.Attribute("Include") == "Amazon.CDK.Lib").Attribute("Version")!.Value;

        // Act
        var run = await CdkAsync("--version");

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith(pinned + " ", run.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CdkCli_BothAssemblies_ListTheirOneStackAndSynthesizeItBackUnchanged()
    {
        // Arrange
        var assemblies = stack.Environments.Select(e => e.Result).ToList();

        foreach (var assembly in assemblies)
        {
            // Act
            var list = await CdkAsync("ls", "--app", assembly.OutputDirectory);
            var synth = await CdkAsync("synth", "--app", assembly.OutputDirectory, "--json", assembly.StackName);

            // Assert
            Assert.Equal(0, list.ExitCode);
            Assert.Equal([assembly.StackName], list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Equal(0, synth.ExitCode);
            Assert.True(
                JsonNode.DeepEquals(WithoutBootstrapCheck(await File.ReadAllTextAsync(assembly.TemplatePath, TestContext.Current.CancellationToken)), JsonNode.Parse(synth.Output)),
                $"cdk synth of {assembly.StackName} differs from the template the publish step wrote");
        }
    }

    /// <summary>The template as the CLI prints it: without the bootstrap version rule, which <c>cdk synth</c> leaves out of what it shows.</summary>
    private static JsonObject WithoutBootstrapCheck(string template)
    {
        var document = JsonNode.Parse(template)!.AsObject();
        var rules = document["Rules"]!.AsObject();
        Assert.Equal(["CheckBootstrapVersion"], rules.Select(r => r.Key));
        document.Remove("Rules");
        return document;
    }

    [Fact]
    public async Task CdkCliDiff_AgainstATemplate_NoDifferenceWithItselfAndThePresetsWithTheOtherEnvironment()
    {
        // Arrange
        var production = stack.Result;

        // Act: diff against a template file needs no account (no CloudFormation call).
        var same = await CdkAsync("diff", "--app", production.OutputDirectory, production.StackName, "--template", production.TemplatePath, "--fail");
        var other = await CdkAsync("diff", "--app", production.OutputDirectory, production.StackName, "--template", stack.Staging.Result.TemplatePath, "--fail");

        // Assert
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("There were no differences", same.Output + same.Error, StringComparison.Ordinal);
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("MemoryDbNodeType", other.Output + other.Error, StringComparison.Ordinal);
    }
}
