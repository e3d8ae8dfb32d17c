using System.Diagnostics;
using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// A <c>run:</c> step as GitHub's runner runs it with <c>shell: bash</c>: the script (expressions already substituted)
/// written to a file under RUNNER_TEMP and run as <c>bash --noprofile --norc -eo pipefail FILE</c> in the working
/// directory, with exactly the environment given plus fresh GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and
/// GITHUB_STEP_SUMMARY files, read back when it ends. What it prints is the log as GitHub shows it: lines in the order
/// they came, <c>::add-mask::</c> commands consumed and registered values masked (<see cref="LogMasks"/>).
/// </summary>
internal sealed record BashStep(int? ExitCode, string Output, string? Failure)
{
    public IReadOnlyList<KeyValuePair<string, string>> Outputs { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    public IReadOnlyList<string> Path { get; init; } = [];

    public string Summary { get; init; } = string.Empty;

    public static async Task<BashStep> RunAsync(
        string script, string workingDirectory, IReadOnlyDictionary<string, string> environment, string runnerTemp, TimeSpan timeout, LogMasks masks, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(masks);
        var id = Guid.NewGuid().ToString("N");
        var file = System.IO.Path.Combine(runnerTemp, id + ".sh");
        await File.WriteAllTextAsync(file, script, TestContext.Current.CancellationToken);
        var commands = Directory.CreateDirectory(System.IO.Path.Combine(runnerTemp, "_runner_file_commands")).FullName;
        var files = new Dictionary<string, string>
        {
            ["GITHUB_OUTPUT"] = System.IO.Path.Combine(commands, "set_output_" + id),
            ["GITHUB_ENV"] = System.IO.Path.Combine(commands, "set_env_" + id),
            ["GITHUB_PATH"] = System.IO.Path.Combine(commands, "add_path_" + id),
            ["GITHUB_STEP_SUMMARY"] = System.IO.Path.Combine(commands, "step_summary_" + id),
        };
        var startInfo = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", file]) { WorkingDirectory = workingDirectory };
        foreach (var path in files.Values)
        {
            await File.WriteAllTextAsync(path, string.Empty, TestContext.Current.CancellationToken);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in environment.Concat(files))
        {
            startInfo.Environment[name] = value;
        }

        var shown = new List<string>();
        ToolRun run;
        try
        {
            run = await ToolRun.RunAsync(startInfo, timeout, line =>
            {
                if (masks.Apply(line) is { } masked)
                {
                    lock (shown)
                    {
                        shown.Add(masked);
                    }

                    log(masked);
                }
            });
        }
        catch (TimeoutException ex)
        {
            return new BashStep(null, masks.Mask(ex.Message), $"The step did not finish within {timeout}.");
        }

        string output;
        lock (shown)
        {
            output = string.Concat(shown.Select(static l => l + "\n"));
        }

        return new BashStep(run.ExitCode, output, run.ExitCode == 0 ? null : $"Process completed with exit code {run.ExitCode}.")
        {
            Outputs = FileCommands.Read(files["GITHUB_OUTPUT"]),
            Environment = FileCommands.Read(files["GITHUB_ENV"]),
            Path = [.. File.ReadAllLines(files["GITHUB_PATH"]).Where(l => l.Length > 0)],
            Summary = await File.ReadAllTextAsync(files["GITHUB_STEP_SUMMARY"], TestContext.Current.CancellationToken),
        };
    }
}
