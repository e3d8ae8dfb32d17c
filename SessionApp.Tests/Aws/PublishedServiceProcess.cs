using System.Diagnostics;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Aws;

/// <summary>
/// Starts a SessionApp service (SessionApp.Api, SessionApp.Web) as its own process from its build output, as the ECS
/// task runs its image: Production, a port, and only the environment the caller gives; no test default settings.
/// </summary>
internal static class PublishedServiceProcess
{
    public static ProcessStartInfo StartInfo(string project, int port, IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = BuiltServiceProcess.StartInfo(project);
        // What the image sets (build/Containers.props), on a port of the test's choosing.
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
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
