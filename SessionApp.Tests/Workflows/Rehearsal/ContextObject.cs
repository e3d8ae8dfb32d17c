namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// A context of GitHub's expressions (<c>github</c>, <c>inputs</c>, <c>steps.ecr.outputs</c>, …): properties by name,
/// case-insensitive as GitHub's are. A strict context fails on a property it does not hold, where GitHub would hand
/// the workflow a value the rehearsal does not have (<c>github.event</c>) or the workflow has a typo (an undeclared
/// input, an unknown step id); a lenient one answers null, as GitHub does for an unset variable or output.
/// </summary>
internal sealed class ContextObject(string path, bool strict)
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where this object is, for messages: <c>steps.ecr.outputs</c>.</summary>
    public string Path { get; } = path;

    public object? this[string name]
    {
        get => Get(name);
        set => _values[name] = value;
    }

    public IEnumerable<string> Names => _values.Keys;

    public object? Get(string name)
    {
        if (_values.TryGetValue(name, out var value))
        {
            return value;
        }

        return strict
            ? throw new WorkflowRehearsalException($"The rehearsal has no '{Path}.{name}' (it knows {Path}.{string.Join($", {Path}.", _values.Keys)}).")
            : null;
    }

    /// <summary>A lenient context holding these strings.</summary>
    public static ContextObject Of(string path, IEnumerable<KeyValuePair<string, string>> values)
    {
        var context = new ContextObject(path, strict: false);
        foreach (var (name, value) in values)
        {
            context[name] = value;
        }

        return context;
    }
}
