using System.Diagnostics;

namespace SessionApp.Tests.Aws;

/// <summary>
/// Starts a SessionApp service (SessionApp.Api, SessionApp.Web) as its own process from its build output, as the ECS
/// task runs its image: Production, a port, and only the environment the caller gives; no test default settings.
/// </summary>
internal static class PublishedServiceProcess
{
    public static ProcessStartInfo StartInfo(string project, int port, IReadOnlyDictionary<string, string> environment)
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
        // What the image sets (build/Containers.props), on a port of the test's choosing.
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var name in startInfo.Environment.Keys.Where(static k => k.StartsWith("Sessions__", StringComparison.Ordinal) || k.StartsWith("DataProtection__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }
}
