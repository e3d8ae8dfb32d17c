using System.Diagnostics;
using System.Text;

namespace SessionApp.Tests.Containers;

/// <summary>Runs a command line tool or script to its end within a time limit and keeps what it printed.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public static Task<ToolRun> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName) { WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return RunAsync(startInfo, timeout);
    }

    /// <summary>
    /// Runs a process as <paramref name="startInfo"/> describes it (its working directory and whole environment are the
    /// caller's), handing each line it prints, standard output or error, to <paramref name="line"/> as it comes.
    /// </summary>
    public static async Task<ToolRun> RunAsync(ProcessStartInfo startInfo, TimeSpan timeout, Action<string>? line = null)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        var fileName = startInfo.FileName;
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data, line);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data, line);
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

    private static void Append(StringBuilder builder, string? text, Action<string>? line)
    {
        if (text is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(text);
        }

        line?.Invoke(text);
    }

    private static string Locked(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
