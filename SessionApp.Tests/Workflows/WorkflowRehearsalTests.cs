using SessionApp.Tests.Workflows.Rehearsal;

namespace SessionApp.Tests.Workflows;

/// <summary>
/// The rehearsal harness itself, on small workflows and on the parts of deploy.yml that fail before anything is built:
/// it runs steps as GitHub does, and it can fail, both where the workflow fails and where the harness meets something
/// it does not know.
/// </summary>
public sealed class WorkflowRehearsalTests(ITestOutputHelper output) : IDisposable
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);
    private readonly string _work = Directory.CreateTempSubdirectory("sessionapp-rehearsal-small-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Rehearse_StepsWritingOutputsAndEnvThenFailing_LaterStepsSeeThemAndRunOnlyAsTheirIfSays()
    {
        // Arrange
        var workflow = """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                env:
                  STAGE: job
                steps:
                  - id: first
                    run: |
                      echo "tag=v1" >>"$GITHUB_OUTPUT"
                      { echo 'notes<<END'; echo 'line one'; echo 'line two'; echo 'END'; } >>"$GITHUB_OUTPUT"
                      echo "GREETING=hello" >>"$GITHUB_ENV"
                  - name: Reads them (${{ env.STAGE }})
                    env:
                      TAG: ${{ steps.first.outputs.tag }}
                    run: |
                      test "$TAG" = v1 && test "$GREETING" = hello && test "$PWD" = "$GITHUB_WORKSPACE"
                      printf '%s' "${{ steps.first.outputs.notes }}" >notes.txt
                  - name: Fails
                    run: |
                      false
                      echo "not reached: -e"
                  - name: Skipped after a failure
                    run: echo never
                  - name: Runs on failure
                    if: failure() && steps.first.outcome == 'success'
                    run: echo "${{ github.sha }}"
            """;

        // Act
        var run = await RehearseAsync(workflow, "build", RehearsalEvent.Push("main", Sha));

        // Assert
        Assert.Equal("failure", run.Result);
        Assert.Equal(["success", "success", "failure", "skipped", "success"], run.Steps.Select(s => s.Outcome));
        Assert.Equal("Reads them (job)", run.Steps[1].Name);
        Assert.Equal("line one\nline two", await File.ReadAllTextAsync(Path.Combine(run.Workspace, "notes.txt"), TestContext.Current.CancellationToken));
        Assert.Equal(1, run.Step("Fails").ExitCode);
        Assert.DoesNotContain("not reached", run.Step("Fails").Output, StringComparison.Ordinal);
        Assert.Equal($"echo \"{Sha}\"", run.Step("Runs on failure").Script);
    }

    [Fact]
    public async Task Rehearse_StepMaskingAValue_LaterLinesOfEveryStepShowItAsStars()
    {
        // Arrange: as on GitHub, a line printed before the mask is shown as it was, and the command itself not at all.
        var workflow = """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      echo "before: hunter2-token"
                      echo "::add-mask::hunter2-token"
                      echo "after: hunter2-token"
                  - run: |
                      echo "next step: hunter2-token" >&2
            """;

        // Act
        var run = await RehearseAsync(workflow, "build", RehearsalEvent.Push("main", Sha));

        // Assert
        Assert.Equal(["hunter2-token"], run.Masks.Values);
        Assert.Equal("before: hunter2-token\nafter: ***\n", run.Steps[0].Output);
        Assert.Equal("next step: ***\n", run.Steps[1].Output);
        Assert.DoesNotContain("add-mask", run.Log, StringComparison.Ordinal);
        Assert.Contains("after: ***", run.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- uses: actions/cache@v4\n  with:\n    path: x", "no emulator for the action 'actions/cache@v4'")]
    [InlineData("- uses: actions/checkout@v4\n  with:\n    fetch-depth: 0", "does not know the input(s) fetch-depth")]
    [InlineData("- if: contains(github.ref, 'main')\n  run: echo hi", "does not know the function 'contains()'")]
    [InlineData("- run: echo hi\n  continue-on-error: true", "does not know 'continue-on-error' in step 1")]
    [InlineData("- run: echo '${{ secrets.TOKEN }}'", "context 'secrets' is not available")]
    [InlineData("- run: Write-Host hi\n  shell: pwsh", "knows only bash")]
    public async Task Rehearse_ConstructTheHarnessDoesNotKnow_FailsNamingIt(string step, string named)
    {
        // Arrange
        var workflow = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n" + string.Join('\n', step.Split('\n').Select(l => "      " + l));

        // Act
        var failure = await Assert.ThrowsAsync<WorkflowRehearsalException>(() => RehearseAsync(workflow, "build", RehearsalEvent.Push("main", Sha)));

        // Assert
        output.WriteLine(failure.Message);
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("push", "main", "", "staging", "http://staging.example.test", "The environment variable APP_URL must be https://")]
    [InlineData("push", "main", "", "staging", "", "The environment variable APP_URL must be https://")]
    [InlineData("push", "main", "", "staging", "https://staging.example.test/app", "The environment variable APP_URL must be https://")]
    [InlineData("push", "main", "", "staging", "https://Staging.example.test", "The environment variable APP_URL must be https://")]
    [InlineData("workflow_dispatch", "feature", "", "production", "https://www.example.test", "Production is deployed only from main; this run is on refs/heads/feature.")]
    [InlineData("workflow_dispatch", "main", "v1.2", "production", "https://www.example.test", "image-tag must be the full 40-character SHA")]
    public async Task Rehearse_DeployWithABadSetting_FailsAtTheFirstStepBeforeCheckingOut(string eventName, string branch, string imageTag, string environment, string appUrl, string message)
    {
        // Arrange
        var vars = new Dictionary<string, string>(DeployRehearsalFixture.StagingVars) { ["APP_URL"] = appUrl };
        var trigger = eventName == "push"
            ? RehearsalEvent.Push(branch, Sha)
            : RehearsalEvent.Dispatch(branch, Sha, new Dictionary<string, string> { ["environment"] = environment, ["image-tag"] = imageTag });

        // Act
        var run = await RehearseAsync(await File.ReadAllTextAsync(DeployRehearsalFixture.Workflow, TestContext.Current.CancellationToken), "deploy", trigger with { Vars = vars });

        // Assert
        output.WriteLine(run.Describe());
        Assert.Equal("failure", run.Result);
        Assert.Equal("failure", run.Steps[0].Outcome);
        Assert.Contains($"::error::{message}", run.Steps[0].Output, StringComparison.Ordinal);
        Assert.All(run.Steps.Skip(1).SkipLast(1), s => Assert.Equal("skipped", s.Outcome));
        Assert.Empty(run.Calls);
        var upload = run.Action("actions/upload-artifact");
        Assert.Equal("missing", upload.Notes["path artifacts/images/IMAGES.txt"]);
        Assert.StartsWith("No files were found", upload.Notes["warning"], StringComparison.Ordinal);
    }

    private async Task<RehearsalRecord> RehearseAsync(string workflow, string job, RehearsalEvent trigger)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_work, Guid.NewGuid().ToString("N"))).FullName;
        var file = Path.Combine(directory, "workflow.yml");
        await File.WriteAllTextAsync(file, workflow, TestContext.Current.CancellationToken);
        var setup = new RehearsalSetup
        {
            Workflow = file,
            Job = job,
            SourceRepository = Path.Combine(directory, "no-source"),
            RegistryHost = "127.0.0.1:9",
            BaseImage = "127.0.0.1:9/dotnet/aspnet:10.0",
            Directory = directory,
        };
        return await WorkflowRehearsal.RunAsync(setup, trigger).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
    }
}
