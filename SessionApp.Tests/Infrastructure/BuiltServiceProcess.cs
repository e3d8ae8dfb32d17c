using System.Diagnostics;

namespace SessionApp.Tests.Infrastructure;

/// <summary>Starts a SessionApp service (SessionApp.Api, SessionApp.Web) as its own process from its build output.</summary>
internal static class BuiltServiceProcess
{
    /// <summary>
    /// <c>dotnet {project}.dll</c> in its build output, in Production, with its output redirected; the caller adds the
    /// address and the settings.
    /// </summary>
    public static ProcessStartInfo StartInfo(string project)
    {
        // The tests run from SessionApp.Tests/bin/<Configuration>/net10.0/; the services were built beside them.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var root = testOutput.Parent.Parent!.Parent!.Parent!.FullName;
        var output = Path.Combine(root, project, "bin", configuration, "net10.0");
        var dll = Path.Combine(output, project + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{project} is not built at {dll}; build the solution first.");
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return startInfo;
    }

    /// <summary>Starts a service that should refuse to start and waits for it to exit by itself; kills it when it has not within <paramref name="timeout"/>.</summary>
    public static async Task<(bool Exited, int ExitCode, string Output)> RunUntilExitAsync(ProcessStartInfo startInfo, TimeSpan timeout)
    {
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            return (false, -1, string.Empty);
        }

        return (true, process.ExitCode, await output + await errors);
    }

    /// <summary>Requests <paramref name="path"/> every 200 ms until it answers with success; the caller bounds the wait.</summary>
    public static async Task WaitUntilAnswersAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
