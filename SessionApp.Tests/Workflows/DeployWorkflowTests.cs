using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Workflows;

/// <summary>What the deploy workflow promises an operator: OIDC and no keys, one deployment per environment, the CDK CLI at the project's version, the smoke test last.</summary>
public sealed class DeployWorkflowTests
{
    private static readonly string Workflow = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", "deploy.yml"));

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
            ".LoadBalancerUrl",
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
}
