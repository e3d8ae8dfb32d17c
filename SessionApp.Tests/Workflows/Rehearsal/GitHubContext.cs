namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>The <c>github</c> context of a rehearsed run: what the event gives, strict about anything else.</summary>
internal static class GitHubContext
{
    public const string RunId = "4242";
    public const string Repository = "sessionapp/SessionApp";
    public const string Actor = "rehearsal";

    public static ContextObject Create(RehearsalEvent trigger, string workspace)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return new ContextObject("github", strict: true)
        {
            ["sha"] = trigger.Sha,
            ["ref"] = trigger.Ref,
            ["event_name"] = trigger.EventName,
            ["workspace"] = workspace,
            ["run_id"] = RunId,
            ["repository"] = Repository,
            ["actor"] = Actor,
        };
    }
}
