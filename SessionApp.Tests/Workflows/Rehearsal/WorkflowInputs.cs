using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// The <c>inputs</c> context: on workflow_dispatch the inputs given, the declared defaults filling the rest (booleans
/// and numbers typed as GitHub types them); on any other event every declared input is null. An input the workflow
/// does not declare, given or read, fails the rehearsal.
/// </summary>
internal static class WorkflowInputs
{
    public static ContextObject Context(WorkflowFile workflow, RehearsalEvent trigger)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(trigger);
        var dispatched = trigger.EventName == "workflow_dispatch";
        if (dispatched && !workflow.Triggers.ContainsKey("workflow_dispatch"))
        {
            throw new WorkflowRehearsalException($"{workflow.Name} cannot be run by hand: it has no workflow_dispatch trigger.");
        }

        var declared = workflow.Triggers.GetValueOrDefault("workflow_dispatch") is YamlMappingNode dispatch ? WorkflowFile.Mapping(dispatch, "inputs") : null;
        var inputs = new ContextObject("inputs", strict: true);
        foreach (var (key, value) in declared?.Children.AsEnumerable() ?? [])
        {
            var name = WorkflowFile.Text(key)!;
            var settings = value as YamlMappingNode ?? new YamlMappingNode();
            WorkflowFile.Expect(settings, $"input '{name}'", "description", "type", "required", "default", "options");
            var given = trigger.Inputs.TryGetValue(name, out var text) ? text : WorkflowFile.Text(settings, "default");
            if (dispatched && WorkflowFile.Text(settings, "required") == "true" && string.IsNullOrEmpty(given))
            {
                throw new WorkflowRehearsalException($"The input '{name}' is required and has no value.");
            }

            inputs[name] = !dispatched ? null : WorkflowFile.Text(settings, "type") switch
            {
                "boolean" => given == "true",
                "number" => double.Parse(given ?? "0", CultureInfo.InvariantCulture),
                _ => given ?? string.Empty,
            };
        }

        var undeclared = trigger.Inputs.Keys.Where(k => !inputs.Names.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        return undeclared.Count == 0
            ? inputs
            : throw new WorkflowRehearsalException($"{workflow.Name} declares no input(s) {string.Join(", ", undeclared)}.");
    }
}
