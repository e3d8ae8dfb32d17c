using System.Diagnostics;
using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Workflows.Rehearsal.Actions;

/// <summary>
/// <c>actions/setup-dotnet</c>: installs nothing; checks that the <c>global-json-file</c> is in the workspace and that the
/// machine's dotnet resolves the SDK it pins (<c>dotnet --version</c> there), and notes that version.
/// </summary>
internal sealed class SetupDotnetEmulator : IActionEmulator
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromMinutes(1);

    public string Action => "actions/setup-dotnet";

    public IReadOnlyCollection<string> Inputs { get; } = ["global-json-file", "dotnet-version"];

    public async Task<string?> RunAsync(ActionCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var globalJson = call.Input("global-json-file");
        if (globalJson.Length > 0 && !File.Exists(Path.Combine(call.Workspace, globalJson)))
        {
            return $"The global-json-file '{globalJson}' is not in the workspace.";
        }

        var version = await ToolRun.RunAsync(
            new ProcessStartInfo(StandIns.RealTool("dotnet"), ["--version"]) { WorkingDirectory = call.Workspace }, VersionTimeout);
        call.Record.Notes["sdk"] = version.Output.Trim();
        return version.ExitCode == 0 ? null : $"dotnet --version failed: {version.Output}{version.Error}";
    }
}
