namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>One step of the rehearsed job: what ran (the script after substitution, or the action) and how it ended.</summary>
internal sealed class StepRecord(int number, string name, string? id)
{
    public int Number { get; } = number;

    public string Name { get; } = name;

    public string? Id { get; } = id;

    /// <summary><c>success</c>, <c>failure</c> or <c>skipped</c>, as <c>steps.&lt;id&gt;.outcome</c>.</summary>
    public string Outcome { get; set; } = "skipped";

    /// <summary>The <c>run:</c> script as bash got it, every <c>${{ }}</c> substituted.</summary>
    public string? Script { get; set; }

    /// <summary>The action of a <c>uses:</c> step.</summary>
    public ActionRecord? Action { get; set; }

    public int? ExitCode { get; set; }

    /// <summary>Why the step failed, when it was not a script's exit code (a timeout, an emulator's check).</summary>
    public string? Failure { get; set; }

    /// <summary>What the step printed, as GitHub's log shows it (masked values as <c>***</c>, no <c>::add-mask::</c> lines).</summary>
    public string Output { get; set; } = string.Empty;

    /// <summary>What the step wrote to GITHUB_STEP_SUMMARY.</summary>
    public string Summary { get; set; } = string.Empty;

    public Dictionary<string, string> Outputs { get; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan Duration { get; set; }
}
