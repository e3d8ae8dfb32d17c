using System.Diagnostics;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Identity;

/// <summary>Runs SessionApp.Identity as its own process from its build output, as the AppHost runs it.</summary>
internal static class IdentityProcess
{
    /// <summary>
    /// The provider in Development with the client registration the AppHost sets as environment variables, then
    /// <paramref name="environment"/> over them.
    /// </summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = BuiltServiceProcess.StartInfo("SessionApp.Identity");
        var asTheAppHostRunsIt = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Identity__Clients__0__ClientId"] = TestClient.ClientId,
            ["Identity__Clients__0__ClientSecret"] = TestClient.ClientSecret,
            ["Identity__Clients__0__RedirectUris__0"] = TestClient.RedirectUri,
            ["Identity__Clients__0__PostLogoutRedirectUris__0"] = TestClient.PostLogoutRedirectUri,
        };
        foreach (var (key, value) in asTheAppHostRunsIt.Concat(environment))
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }
}
