using System.Diagnostics;

namespace SessionApp.Tests.AppHost;

/// <summary>Runs the built AppHost (the copy beside the tests) as its own process and collects what it wrote.</summary>
internal static class AppHostProcess
{
    public static async Task<(int ExitCode, string[] Stdout, string[] Stderr)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory.CreateTempSubdirectory("sessionapp-apphost-cli-").FullName,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SessionApp.AppHost.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, Lines(await stdout), Lines(await stderr));
    }
}
