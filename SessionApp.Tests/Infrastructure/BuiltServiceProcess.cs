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
}
