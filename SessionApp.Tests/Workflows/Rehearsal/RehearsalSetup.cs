namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>Where and against what a rehearsal runs.</summary>
internal sealed record RehearsalSetup
{
    /// <summary>The workflow file to rehearse.</summary>
    public required string Workflow { get; init; }

    /// <summary>The job to run; every other job must call a reusable workflow, and is evaluated, not run.</summary>
    public string Job { get; init; } = "deploy";

    /// <summary>The git repository <c>actions/checkout</c> clones from.</summary>
    public required string SourceRepository { get; init; }

    /// <summary>The loopback registry that stands in for the account's ECR registry: <c>127.0.0.1:PORT</c>.</summary>
    public required string RegistryHost { get; init; }

    /// <summary>The base image the SDK builds the images on, in <see cref="RegistryHost"/> (the runner's would be mcr.microsoft.com's).</summary>
    public required string BaseImage { get; init; }

    /// <summary>An empty folder for this run: the workspace, the runner's temp folder, the stand-ins and their records.</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// The folder that stands for the AWS account's state: the stacks the npx stand-in deployed, the Cognito users the
    /// aws stand-in created. Several runs given the same folder see each other's, as runs against one account do.
    /// Default: a fresh one in <see cref="Directory"/>.
    /// </summary>
    public string? Account { get; init; }

    /// <summary>The most any one step may take (a step's own timeout-minutes can only shorten it).</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Where each line of the run's log goes as it is written, besides the record.</summary>
    public Action<string>? Log { get; init; }
}
