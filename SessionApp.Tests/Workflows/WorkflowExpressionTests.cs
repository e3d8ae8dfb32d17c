using SessionApp.Tests.Containers;
using SessionApp.Tests.Workflows.Rehearsal;

namespace SessionApp.Tests.Workflows;

/// <summary>The rehearsal's expression evaluator: GitHub's semantics where the workflows rely on them, and a clear failure elsewhere.</summary>
public sealed class WorkflowExpressionTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Theory]
    [InlineData("inputs.image-tag || github.sha", "push", Sha)]
    [InlineData("inputs.image-tag == ''", "push", "true")]
    [InlineData("inputs.image-tag != ''", "push", "false")]
    [InlineData("inputs.environment || 'staging'", "push", "staging")]
    [InlineData("inputs.environment || 'staging'", "workflow_dispatch", "production")]
    [InlineData("inputs.image-tag || github.sha", "workflow_dispatch", "abc")]
    [InlineData("github.event_name == 'PUSH'", "push", "true")]
    [InlineData("'a' && 'b'", "push", "b")]
    [InlineData("'' && 'b'", "push", "")]
    [InlineData("0 || null", "push", "")]
    [InlineData("null == false && 0 == '' && '1' == 1 && 0x10 == 16", "push", "true")]
    [InlineData("!(vars.APP_URL == 'https://x.test') || vars.UNSET", "push", "")]
    [InlineData("'it''s' == 'IT''S'", "push", "true")]
    [InlineData("steps.cdk.outputs.version", "push", "2.160.0")]
    [InlineData("steps.cdk.outcome == 'success' && !steps.cdk.outputs.unset", "push", "true")]
    public void Substitute_Expression_GitHubsValue(string expression, string eventName, string expected)
    {
        // Arrange
        var scope = Scope(eventName, failed: false);

        // Act
        var value = ExpressionTemplate.Substitute($"${{{{ {expression} }}}}", scope);

        // Assert
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("", false, true)]
    [InlineData("", true, false)]
    [InlineData("${{ inputs.image-tag == '' }}", true, false)]
    [InlineData("inputs.image-tag == ''", false, true)]
    [InlineData("${{ !cancelled() }}", true, true)]
    [InlineData("failure()", true, true)]
    [InlineData("always() && github.sha == 'other'", true, false)]
    public void Condition_WithAndWithoutStatusFunction_ImplicitSuccessAsGitHub(string condition, bool earlierStepFailed, bool expected)
    {
        // Arrange
        var scope = Scope("push", earlierStepFailed);

        // Act
        var runs = ExpressionTemplate.Condition(condition, scope);

        // Assert
        Assert.Equal(expected, runs);
    }

    [Theory]
    [InlineData("${{ contains(github.ref, 'main') }}", "the function 'contains()'")]
    [InlineData("${{ github.ref < 'refs' }}", "the operator '<'")]
    [InlineData("${{ github.event.head_commit.message }}", "no 'github.event'")]
    [InlineData("${{ secrets.TOKEN }}", "context 'secrets' is not available")]
    [InlineData("${{ inputs.no-such-input }}", "no 'inputs.no-such-input'")]
    [InlineData("${{ steps.nope.outputs.x }}", "no 'steps.nope'")]
    [InlineData("${{ fromJSON(vars.X)[0] }}", "index access")]
    [InlineData("${{ \"double\" }}", "does not know '\"'")]
    [InlineData("${{ github.sha", "without its '}}'")]
    public void Substitute_ConstructTheRehearsalDoesNotKnow_FailsNamingIt(string text, string named)
    {
        // Arrange
        var scope = Scope("push", failed: false);

        // Act
        var failure = Assert.Throws<WorkflowRehearsalException>(() => ExpressionTemplate.Substitute(text, scope));

        // Assert
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    /// <summary>deploy.yml's inputs, a github context, vars and one earlier step with an output.</summary>
    private static ExpressionScope Scope(string eventName, bool failed)
    {
        var workflow = WorkflowFile.Load(Path.Combine(RepositoryRoot.Path, ".github", "workflows", "deploy.yml"));
        var trigger = eventName == "push"
            ? RehearsalEvent.Push("main", Sha)
            : RehearsalEvent.Dispatch("main", Sha, new Dictionary<string, string> { ["environment"] = "production", ["image-tag"] = "abc" });
        var steps = new ContextObject("steps", strict: true)
        {
            ["cdk"] = new ContextObject("steps.cdk", strict: true)
            {
                ["outcome"] = "success",
                ["outputs"] = new ContextObject("steps.cdk.outputs", strict: false) { ["version"] = "2.160.0" },
            },
        };
        var contexts = new Dictionary<string, ContextObject>(StringComparer.OrdinalIgnoreCase)
        {
            ["github"] = GitHubContext.Create(trigger, "/work"),
            ["inputs"] = WorkflowInputs.Context(workflow, trigger),
            ["vars"] = ContextObject.Of("vars", new Dictionary<string, string> { ["APP_URL"] = "https://x.test" }),
            ["steps"] = steps,
        };
        return new ExpressionScope(contexts, succeeded: !failed, failed: failed);
    }
}
