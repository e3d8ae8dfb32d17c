using YamlDotNet.RepresentationModel;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// A job's steps, checked before any runs (known keys, one of <c>run:</c> or <c>uses:</c>, unique ids), and the
/// <c>steps</c> context they fill: every id is known from the start, its outcome and outputs set when the step ends.
/// </summary>
internal sealed class JobSteps
{
    private static readonly string[] StepKeys = ["name", "id", "if", "uses", "with", "run", "env", "shell", "working-directory", "timeout-minutes"];
    private readonly List<YamlMappingNode> _steps;

    public JobSteps(YamlSequenceNode steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = [.. steps.Children.Select(s => s as YamlMappingNode ?? throw new WorkflowRehearsalException($"A step at line {s.Start.Line} is not a mapping."))];
        foreach (var (number, step) in All)
        {
            WorkflowFile.Expect(step, $"step {number}", StepKeys);
            if ((WorkflowFile.Get(step, "run") is null) == (WorkflowFile.Get(step, "uses") is null))
            {
                throw new WorkflowRehearsalException($"Step {number} must have one of run: and uses:.");
            }

            if (WorkflowFile.Text(step, "id") is { } id)
            {
                if (Context.Names.Contains(id, StringComparer.OrdinalIgnoreCase))
                {
                    throw new WorkflowRehearsalException($"Two steps have the id '{id}'.");
                }

                Context[id] = new ContextObject($"steps.{id}", strict: true)
                {
                    ["outputs"] = new ContextObject($"steps.{id}.outputs", strict: false),
                    ["outcome"] = null,
                    ["conclusion"] = null,
                };
            }
        }
    }

    public ContextObject Context { get; } = new("steps", strict: true);

    public IEnumerable<(int Number, YamlMappingNode Step)> All => _steps.Select((step, index) => (index + 1, step));

    /// <summary>The step's record, named as GitHub names it (its evaluated name, else its action or "Run" and its script's first line).</summary>
    public StepRecord Record(int number, ExpressionScope scope)
    {
        var step = _steps[number - 1];
        var name = WorkflowFile.Text(step, "name") is { } given
            ? ExpressionTemplate.Substitute(given, scope)
            : WorkflowFile.Text(step, "uses") ?? "Run " + WorkflowFile.Text(step, "run")!.Split('\n')[0];
        return new StepRecord(number, name, WorkflowFile.Text(step, "id"));
    }

    public void Finished(StepRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Id is null)
        {
            return;
        }

        var step = (ContextObject)Context[record.Id]!;
        step["outcome"] = record.Outcome;
        step["conclusion"] = record.Outcome;
        var outputs = (ContextObject)step["outputs"]!;
        foreach (var (name, value) in record.Outputs)
        {
            outputs[name] = value;
        }
    }
}
