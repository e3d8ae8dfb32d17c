using System.Diagnostics;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>Starts SessionApp.Api as its own process from its build output, as the AppHost runs it.</summary>
internal static class ApiProcess
{
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = BuiltServiceProcess.StartInfo("SessionApp.Api");
        startInfo.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        // What Production requires besides the test's own settings, as the in-process instances have it.
        startInfo.Environment["DataProtection__AllowUnprotectedKeys"] = "true";
        startInfo.Environment["Sessions__UserHashKey"] = ApiInstance.TestUserHashKey;
        foreach (var (key, value) in DemoUsers.EnvironmentVariables)
        {
            startInfo.Environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }
}
