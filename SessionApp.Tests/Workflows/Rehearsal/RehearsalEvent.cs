namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// What starts a rehearsed run, as GitHub would have it: the event, its ref and commit, the workflow_dispatch inputs
/// given (the declared defaults fill the rest), and the variables of the GitHub environment the job deploys to.
/// </summary>
internal sealed record RehearsalEvent(string EventName, string Ref, string Sha)
{
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Vars { get; init; } = new Dictionary<string, string>();

    public static RehearsalEvent Push(string branch, string sha) => new("push", $"refs/heads/{branch}", sha);

    public static RehearsalEvent Dispatch(string branch, string sha, IReadOnlyDictionary<string, string> inputs) =>
        new("workflow_dispatch", $"refs/heads/{branch}", sha) { Inputs = inputs };
}
