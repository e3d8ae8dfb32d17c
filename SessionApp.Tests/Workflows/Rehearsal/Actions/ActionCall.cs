namespace SessionApp.Tests.Workflows.Rehearsal.Actions;

/// <summary>
/// One emulated action's call: its record (evaluated <c>with:</c> inputs, and notes for the test), the run it is part
/// of, the environment its step would have, and the outputs it sets and variables it exports for later steps (as the
/// real actions' toolkit does through GITHUB_OUTPUT and GITHUB_ENV).
/// </summary>
internal sealed record ActionCall(ActionRecord Record, RehearsalSetup Setup, RehearsalEvent Event, string Workspace, IReadOnlyDictionary<string, string> Environment)
{
    public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Exported { get; } = new(StringComparer.Ordinal);

    /// <summary>An input's value, empty when not given.</summary>
    public string Input(string name) => Record.With.TryGetValue(name, out var value) ? value : string.Empty;
}
