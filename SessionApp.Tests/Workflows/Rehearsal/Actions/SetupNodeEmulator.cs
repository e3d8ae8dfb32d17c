using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Workflows.Rehearsal.Actions;

/// <summary>
/// <c>actions/setup-node</c>: installs nothing; checks that node and npm (whose npx the CDK step runs) are on the
/// machine, and notes the version asked for and the one there.
/// </summary>
internal sealed class SetupNodeEmulator : IActionEmulator
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);

    public string Action => "actions/setup-node";

    public IReadOnlyCollection<string> Inputs { get; } = ["node-version"];

    public async Task<string?> RunAsync(ActionCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var node = await ToolRun.RunAsync(StandIns.RealTool("node"), ["--version"], VersionTimeout);
        StandIns.RealTool("npm");
        call.Record.Notes["node-version asked"] = call.Input("node-version");
        call.Record.Notes["node-version here"] = node.Output.Trim();
        return node.ExitCode == 0 ? null : $"node --version failed: {node.Error}";
    }
}
