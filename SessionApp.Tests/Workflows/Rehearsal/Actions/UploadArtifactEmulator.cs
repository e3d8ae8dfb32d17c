namespace SessionApp.Tests.Workflows.Rehearsal.Actions;

/// <summary>
/// <c>actions/upload-artifact</c>: uploads nothing; notes each evaluated <c>path:</c> line (relative ones against the
/// workspace) and whether it exists, and when none does follows <c>if-no-files-found</c> (warn by default, error fails).
/// </summary>
internal sealed class UploadArtifactEmulator : IActionEmulator
{
    public string Action => "actions/upload-artifact";

    public IReadOnlyCollection<string> Inputs { get; } = ["name", "path", "if-no-files-found", "retention-days"];

    public Task<string?> RunAsync(ActionCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var paths = call.Input("path").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (paths.FirstOrDefault(p => p.IndexOfAny(['*', '?', '[', '!']) >= 0) is { } pattern)
        {
            throw new WorkflowRehearsalException($"The rehearsal's upload-artifact does not know patterns like '{pattern}'.");
        }

        var found = 0;
        foreach (var path in paths)
        {
            var full = Path.Combine(call.Workspace, path);
            var exists = File.Exists(full) || Directory.Exists(full);
            found += exists ? 1 : 0;
            call.Record.Notes["path " + path] = exists ? "exists" : "missing";
        }

        var ifNone = call.Input("if-no-files-found") is { Length: > 0 } given ? given : "warn";
        if (found > 0 || ifNone == "ignore")
        {
            return Task.FromResult<string?>(null);
        }

        call.Record.Notes["warning"] = $"No files were found with the provided path: {string.Join(' ', paths)}. No artifacts will be uploaded.";
        return Task.FromResult<string?>(ifNone == "error" ? call.Record.Notes["warning"] : null);
    }
}
