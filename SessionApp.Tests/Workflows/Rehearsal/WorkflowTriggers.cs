using YamlDotNet.RepresentationModel;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// Whether a workflow starts on an event: its <c>on:</c> names the event, and the ref passes the event's
/// <c>branches</c> / <c>branches-ignore</c> filters (for a pull request, the ref is its base branch). Patterns know
/// <c>*</c> (not across '/'), <c>**</c> and <c>?</c>; other filters and pattern characters fail the rehearsal.
/// </summary>
internal static class WorkflowTriggers
{
    private static readonly Dictionary<string, string[]> KnownSettings = new(StringComparer.Ordinal)
    {
        ["push"] = ["branches", "branches-ignore"],
        ["pull_request"] = ["branches", "branches-ignore"],
        ["workflow_dispatch"] = ["inputs"],
        ["workflow_call"] = ["inputs", "outputs", "secrets"],
    };

    public static bool Starts(WorkflowFile workflow, string eventName, string gitRef)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(gitRef);
        foreach (var (name, settings) in workflow.Triggers)
        {
            if (!KnownSettings.TryGetValue(name, out var known))
            {
                throw new WorkflowRehearsalException($"The rehearsal does not know the trigger '{name}' of {workflow.Name}.");
            }

            if (settings is YamlMappingNode mapping)
            {
                WorkflowFile.Expect(mapping, $"on.{name} of {workflow.Name}", known);
            }
        }

        if (!workflow.Triggers.TryGetValue(eventName, out var filters))
        {
            return false;
        }

        if (filters is not YamlMappingNode filter)
        {
            return true;
        }

        if (!gitRef.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            return WorkflowFile.Get(filter, "branches") is null && WorkflowFile.Get(filter, "branches-ignore") is null;
        }

        var branch = gitRef["refs/heads/".Length..];
        var included = WorkflowFile.Get(filter, "branches") is null || WorkflowFile.List(filter, "branches").Any(p => Matches(p, branch));
        var ignored = WorkflowFile.List(filter, "branches-ignore").Any(p => Matches(p, branch));
        return included && !ignored;
    }

    /// <summary>GitHub's filter pattern: <c>*</c> matches any characters but '/', <c>**</c> any characters, <c>?</c> one.</summary>
    public static bool Matches(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        if (pattern.IndexOfAny(['+', '[', ']', '!']) >= 0)
        {
            throw new WorkflowRehearsalException($"The rehearsal does not know the filter pattern '{pattern}'.");
        }

        return Match(pattern, 0, name, 0);
    }

    private static bool Match(string pattern, int p, string name, int n)
    {
        if (p == pattern.Length)
        {
            return n == name.Length;
        }

        if (pattern[p] == '*')
        {
            var any = p + 1 < pattern.Length && pattern[p + 1] == '*';
            var rest = p + (any ? 2 : 1);
            for (var end = n; end <= name.Length; end++)
            {
                if (Match(pattern, rest, name, end))
                {
                    return true;
                }

                if (end < name.Length && !any && name[end] == '/')
                {
                    return false;
                }
            }

            return false;
        }

        return n < name.Length && (pattern[p] == '?' || pattern[p] == name[n]) && Match(pattern, p + 1, name, n + 1);
    }
}
