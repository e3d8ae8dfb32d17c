using System.Diagnostics;

namespace SessionApp.Tests.Api;

/// <summary>Starts SessionApp.Api as its own process from its build output, as the AppHost runs it.</summary>
internal static class ApiProcess
{
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment)
    {
        // The tests run from SessionApp.Tests/bin/<Configuration>/net10.0/; the API was built beside them.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var root = testOutput.Parent.Parent!.Parent!.Parent!.FullName;
        var output = Path.Combine(root, "SessionApp.Api", "bin", configuration, "net10.0");
        var dll = Path.Combine(output, "SessionApp.Api.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"SessionApp.Api is not built at {dll}; build the solution first.");
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        // What Production requires besides the test's own settings, as the in-process instances have it.
        startInfo.Environment["DataProtection__AllowUnprotectedKeys"] = "true";
        startInfo.Environment["Sessions__UserHashKey"] = ApiInstance.TestUserHashKey;
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }
}
