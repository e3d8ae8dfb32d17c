using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Workflows.Rehearsal.Actions;

/// <summary>
/// <c>actions/checkout</c>: a fresh clone of the source repository into the emptied workspace, at <c>with.ref</c>
/// (a branch ref, a tag ref or a commit; by default the event's commit, as the real action), detached.
/// </summary>
internal sealed class CheckoutEmulator : IActionEmulator
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(2);

    public string Action => "actions/checkout";

    public IReadOnlyCollection<string> Inputs { get; } = ["ref", "persist-credentials"];

    public async Task<string?> RunAsync(ActionCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var reference = call.Input("ref") is { Length: > 0 } given ? given : call.Event.Sha;
        var revision = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? "origin/" + reference["refs/heads/".Length..]
            : reference.StartsWith("refs/tags/", StringComparison.Ordinal) ? reference["refs/".Length..]
            : reference;
        Directory.Delete(call.Workspace, recursive: true);
        Directory.CreateDirectory(call.Workspace);
        await ToolRun.RunOrThrowAsync("git", ["clone", "--quiet", "--no-checkout", call.Setup.SourceRepository, call.Workspace], GitTimeout);
        var checkout = await ToolRun.RunAsync("git", ["-C", call.Workspace, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", revision], GitTimeout);
        if (checkout.ExitCode != 0)
        {
            return $"git checkout {revision} failed: {checkout.Error}";
        }

        var head = await ToolRun.RunOrThrowAsync("git", ["-C", call.Workspace, "rev-parse", "HEAD"], GitTimeout);
        call.Record.Notes["ref"] = reference;
        call.Record.Notes["commit"] = head.Output.Trim();
        return null;
    }
}
