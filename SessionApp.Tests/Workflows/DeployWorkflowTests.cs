using System.Text.RegularExpressions;
using SessionApp.Aws.Stack;
using SessionApp.Tests.Containers;
using SessionApp.Tests.Workflows.Rehearsal;
using YamlDotNet.RepresentationModel;

namespace SessionApp.Tests.Workflows;

/// <summary>
/// What the deploy workflow promises an operator beyond what its rehearsal (<see cref="DeployRehearsalTests"/>) runs:
/// OIDC and no keys or secrets, and every environment variable it reads documented where an operator looks.
/// </summary>
public sealed class DeployWorkflowTests
{
    private static readonly WorkflowFile Workflow = WorkflowFile.Load(DeployRehearsalFixture.Workflow);

    [Fact]
    public void DeployWorkflow_AwsCredentials_ThroughOidcWithTheEnvironmentsRoleAndNoKeysOrSecrets()
    {
        // Arrange
        var job = Workflow.Job("deploy");
        var steps = (YamlSequenceNode)WorkflowFile.Get(job, "steps")!;

        // Act
        var permissions = WorkflowFile.Pairs(job, "permissions");
        var credentials = steps.Children.Cast<YamlMappingNode>()
            .Single(s => WorkflowFile.Text(s, "uses")?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true);

        // Assert
        Assert.Equal([KeyValuePair.Create("contents", "read"), KeyValuePair.Create("id-token", "write")], permissions);
        Assert.Equal(
            [KeyValuePair.Create("role-to-assume", "${{ vars.AWS_DEPLOY_ROLE_ARN }}"), KeyValuePair.Create("aws-region", "${{ vars.AWS_REGION }}")],
            WorkflowFile.Pairs(credentials, "with").Take(2));
        Assert.DoesNotContain(WorkflowFile.Pairs(credentials, "with"), w => w.Key.StartsWith("aws-access-key", StringComparison.Ordinal) || w.Key.StartsWith("aws-secret", StringComparison.Ordinal));
        Assert.DoesNotContain(ContextPaths(), path => path.StartsWith("secrets.", StringComparison.Ordinal));
    }

    [Fact]
    public void DeployWorkflow_EnvironmentVariables_EveryOneReadIsInTheWorkflowsHeaderAndTheReadme()
    {
        // Arrange
        var header = File.ReadLines(DeployRehearsalFixture.Workflow).TakeWhile(l => l.StartsWith('#')).ToList();
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md"));

        // Act
        var read = ContextPaths().Where(p => p.StartsWith("vars.", StringComparison.Ordinal)).Select(p => p["vars.".Length..]).Distinct().Order().ToList();

        // Assert
        Assert.Equal(["APP_URL", "AWS_DEPLOY_ROLE_ARN", "AWS_REGION", "CERTIFICATE_ARN"], read);
        Assert.All(read, name => Assert.Contains(header, l => l.StartsWith($"#   {name} ", StringComparison.Ordinal)));
        Assert.All(read, name => Assert.Contains(readme, l => l.StartsWith($"| `{name}` |", StringComparison.Ordinal)));
    }

    [Fact]
    public void DeployWorkflow_AppUrlCheck_IsTheTemplatesSiteUrlPatternAndATrailingSlash()
    {
        // Arrange: APP_URL becomes the template's SiteUrl (without a trailing slash); a value CloudFormation would refuse
        // after the images were built and pushed is refused by the first step instead.
        var text = File.ReadAllText(DeployRehearsalFixture.Workflow);

        // Act
        var check = Regex.Match(text, "site_url='([^']*)'").Groups[1].Value;

        // Assert
        Assert.Equal($"^{StackParameters.SiteUrlPattern}/?$", check);
        Assert.Contains("--parameters \"$STACK_NAME:SiteUrl=${APP_URL%/}\"", text, StringComparison.Ordinal);
    }

    /// <summary>Every <c>context.property</c> the workflow's expressions read, in <c>${{ }}</c> and in bare <c>if:</c> conditions.</summary>
    private static IEnumerable<string> ContextPaths() =>
        Workflow.Root.AllNodes.OfType<YamlMappingNode>()
            .SelectMany(mapping => mapping.Children)
            .Where(entry => entry.Value is YamlScalarNode)
            .SelectMany(Expressions)
            .SelectMany(expression => expression.DescendantsAndSelf())
            .OfType<ExpressionNode.Property>()
            .Where(property => property.Target is ExpressionNode.Context)
            .Select(property => property.Path);

    private static IEnumerable<ExpressionNode> Expressions(KeyValuePair<YamlNode, YamlNode> entry)
    {
        var text = WorkflowFile.Text(entry.Value) ?? string.Empty;
        if (WorkflowFile.Text(entry.Key) != "if")
        {
            return ExpressionTemplate.Expressions(text);
        }

        return ExpressionTemplate.ParseCondition(text) is { } condition ? [condition] : [];
    }
}
