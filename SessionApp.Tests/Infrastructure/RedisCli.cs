using System.Diagnostics;

namespace SessionApp.Tests.Infrastructure;

/// <summary>Runs <c>redis-cli</c> with a time limit and hands back what it printed.</summary>
internal static class RedisCli
{
    public static async Task<string> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(RedisBinaries.Cli)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"redis-cli did not start ({RedisBinaries.Cli}).");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"'redis-cli {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds:0} s.");
        }

        var stdout = await output;
        var stderr = await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'redis-cli {string.Join(' ', arguments)}' exited with code {process.ExitCode}: {stderr}{stdout}");
        }

        return stdout;
    }
}
