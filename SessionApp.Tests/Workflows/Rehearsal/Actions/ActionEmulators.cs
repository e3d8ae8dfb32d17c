namespace SessionApp.Tests.Workflows.Rehearsal.Actions;

/// <summary>The actions the rehearsal can play; a <c>uses:</c> of any other fails it.</summary>
internal static class ActionEmulators
{
    private static readonly IActionEmulator[] All =
    [
        new CheckoutEmulator(),
        new SetupDotnetEmulator(),
        new SetupNodeEmulator(),
        new AwsCredentialsEmulator(),
        new EcrLoginEmulator(),
        new UploadArtifactEmulator(),
    ];

    /// <summary>The emulator of <paramref name="uses"/> (<c>owner/name@version</c>), its inputs checked.</summary>
    public static IActionEmulator For(string uses, IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(uses);
        var action = uses.Split('@')[0];
        var emulator = All.SingleOrDefault(e => string.Equals(e.Action, action, StringComparison.OrdinalIgnoreCase))
            ?? throw new WorkflowRehearsalException($"The rehearsal has no emulator for the action '{uses}' (it knows {string.Join(", ", All.Select(e => e.Action))}).");
        var unknown = inputs.Where(i => !emulator.Inputs.Contains(i)).ToList();
        return unknown.Count == 0
            ? emulator
            : throw new WorkflowRehearsalException($"The rehearsal's {action} does not know the input(s) {string.Join(", ", unknown)} (it knows {string.Join(", ", emulator.Inputs)}).");
    }
}
