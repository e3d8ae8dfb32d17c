using System.Text.Json.Nodes;
using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Aws;

/// <summary>
/// Both environments' templates pass cfn-lint, AWS's CloudFormation linter, which checks them against CloudFormation's
/// own resource schemas (<c>scripts/lint-templates.sh</c>: cfn-lint 1.51 from the Python package index, or the one on
/// PATH). Our template assertions come on top of it, never instead. The linter is shown to catch the mistakes it found
/// in an earlier template.
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed class CfnLintTests(SynthesizedStackFixture stack, ITestOutputHelper output)
{
    private static readonly TimeSpan LintTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Templates_ProductionAndStaging_HaveNoErrorOrWarning()
    {
        // Arrange
        var templates = stack.Environments.Select(e => e.Result.TemplatePath).ToList();

        // Act
        var run = await ToolRun.RunAsync(RepositoryRoot.Script("lint-templates.sh"), templates, LintTimeout);

        // Assert
        output.WriteLine(run.Output + run.Error);
        Assert.Contains("cfn-lint 1.", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output.Trim());
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Suppressions_OnlyInTheTemplatesMetadataAndEachWithItsReason()
    {
        // Arrange: cfn-lint also reads a .cfnlintrc from the folder it runs in; a rule must not be switched off there.
        var configFiles = Directory.GetFiles(RepositoryRoot.Path, ".cfnlintrc*");

        // Act: a suppression in a resource's metadata is cfn-lint.config.ignore_checks; ours carry a reason beside it.
        var suppressions = stack.Environments
            .SelectMany(e => e.Document["Resources"]!.AsObject())
            .Select(r => (r.Key, Metadata: r.Value!["Metadata"]))
            .Where(r => r.Metadata?["cfn-lint"]?["config"]?["ignore_checks"] is not null)
            .ToList();

        // Assert
        Assert.Empty(configFiles);
        Assert.All(suppressions, s => Assert.False(
            string.IsNullOrWhiteSpace((string?)s.Metadata!["cfn-lint"]!["reason"]),
            $"{s.Key} suppresses cfn-lint rules without a reason"));
    }

    [Fact]
    public async Task CfnLint_TheEarlierTemplatesMistakes_ReportsEachOne()
    {
        // Arrange: production's template with the three mistakes cfn-lint found in it before they were fixed.
        var document = JsonNode.Parse(stack.Json)!.AsObject();
        var group = stack.Resources("AWS::EC2::SecurityGroup").First().Key;
        document["Resources"]![group]!["Properties"]!["GroupDescription"] = "'api' tasks: port 8080";
        var port = stack.Resources("AWS::SSM::Parameter").Single(p => ((string)p.Value["Properties"]!["Name"]!).EndsWith("/MemoryDb/Port", StringComparison.Ordinal)).Key;
        document["Resources"]![port]!["Properties"]!["Value"] = JsonNode.Parse($$"""{"Fn::GetAtt": ["{{stack.Resources("AWS::MemoryDB::Cluster").Single().Key}}", "ClusterEndpoint.Port"]}""");
        document["Parameters"]!["ApiCpu"]!["Default"] = 512;

        // Act
        var run = await LintAsync(document);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(":E3031:", run.Output, StringComparison.Ordinal);
        Assert.Contains(":E1010:", run.Output, StringComparison.Ordinal);
        Assert.Contains(":E2015:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CfnLint_CognitoPropertiesTheCdkDoesNotKnowWrittenWrong_ReportsEachOne()
    {
        // Arrange: CDK 2.160 predates UserPoolTier and ManagedLoginVersion, so the stack writes them as property
        // overrides, which nothing in the CDK checks; cfn-lint checks them against Cognito's own schema.
        var document = JsonNode.Parse(stack.Json)!.AsObject();
        var pool = document["Resources"]![stack.Resources("AWS::Cognito::UserPool").Single().Key]!["Properties"]!.AsObject();
        pool["UserPoolTier"] = "ADVANCED";
        pool["AdvancedSecurity"] = "ENFORCED";
        document["Resources"]![stack.Resources("AWS::Cognito::UserPoolDomain").Single().Key]!["Properties"]!["ManagedLoginVersion"] = "classic";
        document["Resources"]![stack.Resources("AWS::Cognito::UserPoolClient").Single().Key]!["Properties"]!["AuthSessionValidity"] = 60;

        // Act
        var run = await LintAsync(document);

        // Assert: the tier's allowed values, an unknown property, the version's type, the auth session's range
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(":E3030:'ADVANCED' is not one of ['LITE', 'ESSENTIALS', 'PLUS']", run.Output, StringComparison.Ordinal);
        Assert.Contains(":E3002:Additional properties are not allowed ('AdvancedSecurity' was unexpected", run.Output, StringComparison.Ordinal);
        Assert.Contains(":E3012:'classic' is not of type 'integer'", run.Output, StringComparison.Ordinal);
        Assert.Contains(":E3034:60 is greater than the maximum of 15", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Lints <paramref name="document"/> as a template file of its own, writing what cfn-lint printed to the test output.</summary>
    private async Task<ToolRun> LintAsync(JsonObject document)
    {
        var folder = Directory.CreateTempSubdirectory("sessionapp-cfn-lint-").FullName;
        try
        {
            var path = Path.Combine(folder, "changed.template.json");
            await File.WriteAllTextAsync(path, document.ToJsonString(), TestContext.Current.CancellationToken);
            var run = await ToolRun.RunAsync(RepositoryRoot.Script("lint-templates.sh"), [path], LintTimeout);
            output.WriteLine(run.Output + run.Error);
            return run;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
