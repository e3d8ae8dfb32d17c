namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// A <c>uses:</c> step as its emulator saw it: the action, the version it is pinned to, its evaluated <c>with:</c>
/// inputs, and what the emulator found or did (notes by name).
/// </summary>
internal sealed record ActionRecord(string Action, string Version, IReadOnlyDictionary<string, string> With)
{
    public Dictionary<string, string> Notes { get; } = new(StringComparer.Ordinal);
}
