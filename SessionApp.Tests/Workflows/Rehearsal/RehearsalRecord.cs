using System.Globalization;
using System.Text;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>Everything a rehearsed run did: the job's result, each step, each action's and stand-in's record, the log.</summary>
internal sealed class RehearsalRecord(RehearsalEvent trigger, string workspace, StandIns standIns, Action<string>? log)
{
    private readonly StringBuilder _log = new();

    public RehearsalEvent Event { get; } = trigger;

    /// <summary><c>success</c>, <c>failure</c> or <c>skipped</c>.</summary>
    public string Result { get; set; } = "skipped";

    /// <summary>The result of every job the rehearsed one needs (evaluated, not run).</summary>
    public Dictionary<string, string> Needs { get; } = new(StringComparer.Ordinal);

    public string? JobName { get; set; }

    public string? Environment { get; set; }

    public string? EnvironmentUrl { get; set; }

    /// <summary>The concurrency group and its cancel-in-progress, the job's or else the workflow's.</summary>
    public (string Group, string CancelInProgress)? Concurrency { get; set; }

    /// <summary>The job's <c>env:</c>, evaluated.</summary>
    public Dictionary<string, string> JobEnvironment { get; } = new(StringComparer.Ordinal);

    public List<StepRecord> Steps { get; } = [];

    /// <summary>The values the job's steps masked (<c>::add-mask::</c>); the log shows them as <c>***</c>.</summary>
    public LogMasks Masks { get; } = new();

    public IEnumerable<ActionRecord> Actions => Steps.Select(s => s.Action).OfType<ActionRecord>();

    public IReadOnlyList<StandInCall> Calls { get; private set; } = [];

    /// <summary>The runner's workspace, the repository root every <c>run:</c> script ran in.</summary>
    public string Workspace { get; } = workspace;

    /// <summary>The runner's temporary folder (RUNNER_TEMP).</summary>
    public string RunnerTemp { get; set; } = string.Empty;

    /// <summary>Where the stand-ins kept what they were handed.</summary>
    public string Records => standIns.Records;

    public TimeSpan Duration { get; set; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Everything the steps wrote to GITHUB_STEP_SUMMARY.</summary>
    public string Summary => string.Concat(Steps.Select(s => s.Summary));

    public StepRecord Step(string name) =>
        Steps.SingleOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"No step '{name}' in the rehearsal (steps: {string.Join(", ", Steps.Select(s => s.Name))}).");

    public ActionRecord Action(string action) => Actions.Single(a => a.Action == action);

    public IEnumerable<StandInCall> CallsOf(string tool) => Calls.Where(c => c.Tool == tool);

    public void Write(string line)
    {
        line = Masks.Mask(line);
        lock (_log)
        {
            _log.AppendLine(line);
            log?.Invoke(line);
        }
    }

    public void Finish(TimeSpan duration)
    {
        Duration = duration;
        Calls = standIns.Calls();
    }

    /// <summary>One line a step: number, outcome, duration, name; for test output and assertion messages.</summary>
    public string Describe() =>
        string.Join('\n', Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Number,2}. {s.Outcome,-7} {s.Duration.TotalSeconds,6:F1} s  {s.Name}{(s.Failure is null ? string.Empty : " — " + s.Failure)}")))
        + $"\njob {JobName}: {Result} in {Duration.TotalSeconds:F0} s";
}
