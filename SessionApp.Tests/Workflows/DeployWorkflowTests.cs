using System.Text.RegularExpressions;
using System.Xml.Linq;
using SessionApp.Tests.Aws;
using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Workflows;

/// <summary>
/// What the deploy workflow promises an operator: OIDC and no keys, one deployment per environment, the CDK CLI at the
/// project's version, the template's own parameters and outputs (checked against the synthesized template), the
/// smoke test last, against the site's HTTPS address.
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed partial class DeployWorkflowTests(SynthesizedStackFixture stack)
{
    private static readonly string Workflow = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", "deploy.yml"));

    /// <summary>The <c>--parameters "$STACK_NAME:Name=value"</c> the workflow passes to <c>cdk deploy</c>.</summary>
    private static Dictionary<string, string> PassedParameters() =>
        CdkParameter().Matches(Workflow).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);

    /// <summary>A job-level <c>env</c> value of the deploy job.</summary>
    private static string JobEnv(string name) =>
        Regex.Match(Workflow, $@"^      {name}: (?<value>\S+)$", RegexOptions.Multiline).Groups["value"].Value;

    private static string ContainerRepository(string project) =>
        XDocument.Load(Path.Combine(RepositoryRoot.Path, project, project + ".csproj")).Descendants("ContainerRepository").Single().Value;

    [GeneratedRegex(@"--parameters ""\$STACK_NAME:(?<name>[A-Za-z0-9]+)=(?<value>[^""]*)""")]
    private static partial Regex CdkParameter();

    [Fact]
    public void DeployWorkflow_AwsCredentials_ThroughOidcWithTheEnvironmentsRoleAndNoKeys()
    {
        // Arrange, Act
        var lines = Workflow.Split('\n').Select(line => line.Trim()).ToList();

        // Assert
        Assert.Contains("id-token: write", lines);
        Assert.Contains("role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}", lines);
        Assert.DoesNotContain("aws-access-key-id", Workflow, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AWS_SECRET_ACCESS_KEY", Workflow, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("{{secrets.", Workflow.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void DeployWorkflow_Steps_PublishSynthesizeDeployThenSmokeTestInThatOrder()
    {
        // Arrange
        string[] steps =
        [
            "scripts/publish-images.sh --registry",
            "--operation publish --step publish --output-path",
            "npx --yes \"aws-cdk@$CDK_VERSION\" deploy \"$STACK_NAME\"",
            ".LoadBalancerDnsName",
            "dotnet run --project SessionApp.Smoke -c Release -- --base-url \"$BASE_URL\"",
        ];

        // Act
        var positions = steps.Select(step => Workflow.IndexOf(step, StringComparison.Ordinal)).ToList();

        // Assert
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("group: deploy-${{ inputs.environment || 'staging' }}", Workflow, StringComparison.Ordinal);
        Assert.Contains("cancel-in-progress: false", Workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployWorkflow_Parameters_AreTheTemplatesWithEveryRequiredOnePassed()
    {
        // Arrange
        var template = stack.Document["Parameters"]!.AsObject();
        var required = template.Where(p => p.Value!["Default"] is null && p.Key != "BootstrapVersion").Select(p => p.Key).Order().ToList();

        // Act
        var passed = PassedParameters();

        // Assert
        Assert.Equal(["ApiImageRepository", "CertificateArn", "ImageTag", "WebImageRepository"], passed.Keys.Order());
        Assert.All(passed.Keys, name => Assert.True(template.ContainsKey(name), $"the template has no parameter {name}"));
        Assert.Equal(["CertificateArn"], required);
        Assert.Equal("$CERTIFICATE_ARN", passed["CertificateArn"]);
        Assert.Contains("CERTIFICATE_ARN: ${{ vars.CERTIFICATE_ARN }}", Workflow, StringComparison.Ordinal);
        Assert.Equal("$IMAGE_TAG", passed["ImageTag"]);
    }

    [Fact]
    public void DeployWorkflow_ImageRepositories_AreWherePublishImagesPushesAndTheTemplatesDefaults()
    {
        // Arrange: publish-images.sh pushes each project to its ContainerRepository.
        var pushedTo = new Dictionary<string, string>
        {
            ["ApiImageRepository"] = ContainerRepository("SessionApp.Api"),
            ["WebImageRepository"] = ContainerRepository("SessionApp.Web"),
        };
        var parameters = stack.Document["Parameters"]!.AsObject();

        // Act
        var passed = PassedParameters();

        // Assert
        Assert.Equal(["sessionapp-api", "sessionapp-web"], pushedTo.Values.Order());
        Assert.All(pushedTo, entry =>
        {
            Assert.Equal(entry.Value, (string)parameters[entry.Key]!["Default"]!);
            var variable = passed[entry.Key].TrimStart('$');
            Assert.Equal(entry.Value, JobEnv(variable));
            Assert.Contains($"--repository-name \"${variable}\"", Workflow, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("$REGISTRY/", Workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployWorkflow_Outputs_ReadsOnlyOutputsTheTemplateHas()
    {
        // Arrange
        var outputs = stack.Document["Outputs"]!.AsObject().Select(o => o.Key).ToHashSet();

        // Act
        var read = Regex.Matches(Workflow, @"\.\[\$stack\]\.(?<name>[A-Za-z0-9]+)").Select(m => m.Groups["name"].Value).ToList();

        // Assert
        Assert.Equal(["LoadBalancerDnsName"], read);
        Assert.Subset(outputs, read.ToHashSet());
        Assert.DoesNotContain("LoadBalancerUrl", Workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployWorkflow_SmokeTest_RunsAgainstTheEnvironmentsHttpsAppUrlCheckedFirst()
    {
        // Arrange
        var lines = Workflow.Split('\n').Select(line => line.Trim()).ToList();

        // Act
        var smoke = lines.FindIndex(l => l.StartsWith("run: dotnet run --project SessionApp.Smoke", StringComparison.Ordinal));
        var check = lines.FindIndex(l => l.Contains("[[ ! $APP_URL =~ ^https://", StringComparison.Ordinal));

        // Assert
        Assert.Equal("BASE_URL: ${{ vars.APP_URL }}", lines[smoke - 1]);
        Assert.Contains("url: ${{ vars.APP_URL }}", lines);
        Assert.InRange(check, 0, lines.FindIndex(l => l == "- name: Check out"));
        Assert.Contains(lines, l => l.StartsWith("if [[ ! $CERTIFICATE_ARN =~ ^arn:aws", StringComparison.Ordinal));
        // The header tells an operator every variable an environment needs.
        Assert.All(new[] { "AWS_DEPLOY_ROLE_ARN", "AWS_REGION", "CERTIFICATE_ARN", "APP_URL" }, v => Assert.Matches($@"(?m)^#   {v}\s", Workflow));
    }
}
