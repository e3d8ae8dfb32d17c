using System.Diagnostics;

namespace SessionApp.AppHost.Orchestration;

/// <summary>Builds a project with <c>dotnet build</c> and finds the dll that build produced.</summary>
internal static class ProjectOutput
{
    /// <summary>The <c>dotnet</c> host: the one running the AppHost when known, otherwise from PATH.</summary>
    public static string DotnetHost { get; } = FindDotnet();

    /// <summary>The project file inside <paramref name="projectDirectory"/>.</summary>
    public static string ProjectFile(string projectDirectory, string resource)
    {
        if (!Directory.Exists(projectDirectory))
        {
            throw new AppHostException($"{resource}: project folder '{projectDirectory}' does not exist.");
        }

        var files = Directory.GetFiles(projectDirectory, "*.csproj");
        return files.Length == 1
            ? files[0]
            : throw new AppHostException($"{resource}: expected one .csproj in '{projectDirectory}', found {files.Length}.");
    }

    /// <summary>The built dll of the project, by the SDK's output convention <c>bin/{Configuration}/{tfm}/{name}.dll</c>.</summary>
    public static string Dll(string projectFile, string configuration, string resource)
    {
        var name = Path.GetFileNameWithoutExtension(projectFile);
        var bin = Path.Combine(Path.GetDirectoryName(projectFile)!, "bin", configuration);
        var dll = Directory.Exists(bin)
            ? Directory.GetDirectories(bin).Select(d => Path.Combine(d, name + ".dll")).Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return dll ?? throw new AppHostException($"{resource}: {name}.dll was not found under '{bin}'; build it ('dotnet build {projectFile} -c {configuration}') or run without --no-build.");
    }

    /// <summary>Runs <c>dotnet build</c>; a failure becomes one line naming the project and its first error.</summary>
    public static async Task BuildAsync(string projectFile, string configuration, string resource, OutputSink output, CancellationToken cancellationToken)
    {
        output.Info($"building {resource} ({Path.GetFileName(projectFile)}, {configuration})");
        var info = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", projectFile, "-c", configuration, "--nologo", "-v", "q", "-clp:NoSummary", "-nodeReuse:false" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new AppHostException($"{resource}: could not start '{DotnetHost} build'.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            ChildProcesses.KillTree(process);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var lines = (await stdout + "\n" + await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var first = lines.FirstOrDefault(l => l.Contains(": error ", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "no output";
            throw new AppHostException($"{resource}: 'dotnet build {Path.GetFileName(projectFile)}' failed (exit code {process.ExitCode}): {first}");
        }
    }

    private static string FindDotnet()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
