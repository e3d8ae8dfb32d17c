global using IdentityInstance = SessionApp.Tests.Infrastructure.ServiceInstance<SessionApp.Identity.IdentityAssembly>;

using System.Net;

namespace SessionApp.Tests.Identity;

/// <summary>
/// Starts the real SessionApp.Identity — its Program, appsettings.Development.json (the development users) and
/// sign-in page — as a <see cref="IdentityInstance"/>: real Kestrel at 127.0.0.1 on a free port, in Development,
/// with the client registration the AppHost would give it (<see cref="TestClient"/>) and any <c>extra</c> settings;
/// on <c>port</c> when the clients must know its address before it starts.
/// </summary>
public static class IdentityProvider
{
    public static Task<IdentityInstance> StartAsync(IDictionary<string, string?>? extra = null, int port = 0)
    {
        var settings = new Dictionary<string, string?>
        {
            ["environment"] = "Development",
            ["Identity:Clients:0:ClientId"] = TestClient.ClientId,
            ["Identity:Clients:0:ClientSecret"] = TestClient.ClientSecret,
            ["Identity:Clients:0:RedirectUris:0"] = TestClient.RedirectUri,
            ["Identity:Clients:0:PostLogoutRedirectUris:0"] = TestClient.PostLogoutRedirectUri,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // The session settings ServiceInstance adds (Redis, key prefix) are read by nothing in the provider.
        return IdentityInstance.StartAsync(redis: string.Empty, name: "identity", keyPrefix: string.Empty, settings, port);
    }

    /// <summary>A browser: its own cookie jar, redirects not followed, every request bounded by <see cref="IdentityInstance.StepTimeout"/>.</summary>
    public static HttpClient CreateBrowser(this IdentityInstance provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.CreateClient(new CookieContainer());
    }
}
