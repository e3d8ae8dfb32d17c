namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// What an expression can see: the contexts available where it stands (a job's <c>if:</c> sees no <c>steps</c>), and
/// what the status functions read. In a step, <c>success()</c> is "no earlier step failed" and <c>failure()</c> its
/// opposite; in a job's <c>if:</c>, <c>success()</c> is "every needed job succeeded" (a skipped one did not) and
/// <c>failure()</c> "one failed". The rehearsal is never cancelled, so <c>cancelled()</c> is false.
/// </summary>
internal sealed class ExpressionScope(IReadOnlyDictionary<string, ContextObject> contexts, bool succeeded, bool failed)
{
    public bool Succeeded { get; } = succeeded;

    public bool Failed { get; } = failed;

    public ContextObject Context(string name) =>
        contexts.TryGetValue(name, out var context)
            ? context
            : throw new WorkflowRehearsalException($"The context '{name}' is not available to the rehearsal here (available: {string.Join(", ", contexts.Keys)}).");

    /// <summary>The same scope with one context added or replaced (a step's <c>env</c> with its own variables).</summary>
    public ExpressionScope With(ContextObject context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var all = new Dictionary<string, ContextObject>(contexts, StringComparer.OrdinalIgnoreCase) { [context.Path] = context };
        return new ExpressionScope(all, Succeeded, Failed);
    }
}
