namespace SessionApp.Tests.Workflows.Rehearsal.Actions;

/// <summary>A <c>uses:</c> action as the rehearsal plays it: by name, with the inputs it understands.</summary>
internal interface IActionEmulator
{
    /// <summary>The action without its version: <c>actions/checkout</c>.</summary>
    string Action { get; }

    /// <summary>The <c>with:</c> inputs it understands; any other input fails the rehearsal.</summary>
    IReadOnlyCollection<string> Inputs { get; }

    /// <summary>Plays the action; null when it succeeded, else why it failed (the step fails).</summary>
    Task<string?> RunAsync(ActionCall call);
}
