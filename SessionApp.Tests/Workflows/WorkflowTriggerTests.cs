using SessionApp.Tests.Containers;
using SessionApp.Tests.Workflows.Rehearsal;
using YamlDotNet.RepresentationModel;

namespace SessionApp.Tests.Workflows;

/// <summary>
/// Which workflows an event starts, read from their <c>on:</c> triggers and branch filters, and how often the test
/// suite (ci.yml) runs for it: started itself, or called by a started workflow's job whose <c>if:</c> holds.
/// </summary>
public sealed class WorkflowTriggerTests
{
    private const string Ci = "./.github/workflows/ci.yml";
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Theory]
    [InlineData("push", "refs/heads/main")]
    [InlineData("push", "refs/heads/feature/sign-in")]
    [InlineData("pull_request", "refs/heads/main")]
    public void CiRuns_EventOnABranch_ExactlyOnce(string eventName, string gitRef)
    {
        // Arrange
        var workflows = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.yml").Select(WorkflowFile.Load).ToList();
        var ci = workflows.Single(w => w.Name == "ci.yml");
        var trigger = new RehearsalEvent(eventName, gitRef, Sha);

        // Act
        var started = workflows.Where(w => WorkflowTriggers.Starts(w, eventName, gitRef)).ToList();
        var calls = started.SelectMany(w => w.Jobs.Children.Select(job => (Workflow: w, Job: (YamlMappingNode)job.Value)))
            .Where(x => WorkflowFile.Text(x.Job, "uses") == Ci)
            .Count(x => ExpressionTemplate.Condition(WorkflowFile.Text(x.Job, "if"), Scope(x.Workflow, x.Job, trigger)));

        // Assert
        Assert.True(ci.Triggers.ContainsKey("workflow_call"), "ci.yml can be called");
        Assert.Equal(1, (started.Contains(ci) ? 1 : 0) + calls);
    }

    [Theory]
    [InlineData("main", "main", true)]
    [InlineData("*", "feature/x", false)]
    [InlineData("**", "feature/x", true)]
    [InlineData("feature/*", "feature/x", true)]
    [InlineData("release-?", "release-1", true)]
    [InlineData("main", "maintenance", false)]
    public void Matches_BranchPattern_AsGitHubFilters(string pattern, string branch, bool expected)
    {
        // Arrange, Act
        var matches = WorkflowTriggers.Matches(pattern, branch);

        // Assert
        Assert.Equal(expected, matches);
    }

    /// <summary>A calling job's <c>if:</c> sees github, inputs and vars; it needs no other job here.</summary>
    private static ExpressionScope Scope(WorkflowFile workflow, YamlMappingNode job, RehearsalEvent trigger)
    {
        Assert.Empty(WorkflowFile.List(job, "needs"));
        var contexts = new Dictionary<string, ContextObject>(StringComparer.OrdinalIgnoreCase)
        {
            ["github"] = GitHubContext.Create(trigger, "/work"),
            ["inputs"] = WorkflowInputs.Context(workflow, trigger),
            ["vars"] = new ContextObject("vars", strict: false),
            ["needs"] = new ContextObject("needs", strict: true),
        };
        return new ExpressionScope(contexts, succeeded: true, failed: false);
    }
}
