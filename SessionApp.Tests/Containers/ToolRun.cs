using System.Diagnostics;
using System.Text;

namespace SessionApp.Tests.Containers;

/// <summary>Runs a command line tool or script to its end within a time limit and keeps what it printed.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public static async Task<ToolRun> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish within {timeout}. It printed:\n{output}\n{error}", ex);
        }

        // The exit event can come before the last lines; WaitForExit() without a limit drains them.
        process.WaitForExit();
        return new ToolRun(process.ExitCode, Locked(output), Locked(error));
    }

    /// <summary>Runs the tool and fails with everything it printed unless it exits with 0.</summary>
    public static async Task<ToolRun> RunOrThrowAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var run = await RunAsync(fileName, arguments, timeout, environment);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} exited with {run.ExitCode}:\n{run.Output}\n{run.Error}");
        }

        return run;
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string Locked(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
