using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionApp.Tests.Identity;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.SignIn;

/// <summary>
/// The shop signing users in with the real local provider, as the AppHost wires it: one redis-server, two API and
/// two Web instances whose <c>Authentication:Oidc</c> settings point at SessionApp.Identity, and the provider itself
/// (its development users, the Web instances registered as its client's redirects). All on real Kestrel at
/// 127.0.0.1; cookies ignore ports, so one cookie jar is one browser on every instance and on the provider.
/// Access tokens live <see cref="AccessTokenLifetime"/> and are refreshed <see cref="RefreshBefore"/> before they expire.
/// </summary>
public sealed class SignInSite : IAsyncDisposable
{
    /// <summary>How long the provider's access tokens live here (5 minutes by default).</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(6);

    /// <summary>How long before expiry the services refresh them: the refresh window opens 5 seconds after an issue.</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromSeconds(1);

    private readonly List<IAsyncDisposable> _parts;

    private SignInSite(RedisServerProcess redis, IdentityInstance provider, ApiInstance api1, ApiInstance api2, WebInstance web1, WebInstance web2)
    {
        Redis = redis;
        Provider = provider;
        Api1 = api1;
        Api2 = api2;
        Web1 = web1;
        Web2 = web2;
        _parts = [web2, web1, api2, api1, provider, redis];
        foreach (var part in new IServiceProvider[] { provider.Services, api1.Services, api2.Services, web1.Services, web2.Services })
        {
            part.GetRequiredService<ILoggerFactory>().AddProvider(Log);
        }
    }

    public RedisServerProcess Redis { get; }

    public IdentityInstance Provider { get; }

    public ApiInstance Api1 { get; }

    public ApiInstance Api2 { get; }

    public WebInstance Web1 { get; }

    public WebInstance Web2 { get; }

    /// <summary>What the provider and the four instances log (the audit trail among it), from the start.</summary>
    public RecordingLoggerProvider Log { get; } = new();

    public static async Task<SignInSite> StartAsync()
    {
        var started = new Stack<IAsyncDisposable>();
        try
        {
            // The services must know the provider's address and the provider theirs: the provider's port is chosen
            // first, and the services fetch its discovery document only when the first sign-in starts.
            var providerPort = FreePort.Next();
            var authority = $"http://127.0.0.1:{providerPort}";
            var redis = await RedisServerProcess.StartAsync();
            started.Push(redis);
            var prefix = "signin-test-" + Guid.NewGuid().ToString("N")[..8];
            var api1 = await ApiInstance.StartAsync(redis.ConnectionString, "api-1", prefix, SignInSettings(authority));
            started.Push(api1);
            var api2 = await ApiInstance.StartAsync(redis.ConnectionString, "api-2", prefix, SignInSettings(authority));
            started.Push(api2);
            var web1 = await WebInstance.StartAsync(redis.ConnectionString, "web-1", prefix, Calling(api1, authority));
            started.Push(web1);
            var web2 = await WebInstance.StartAsync(redis.ConnectionString, "web-2", prefix, Calling(api2, authority));
            started.Push(web2);
            var provider = await IdentityProvider.StartAsync(ProviderSettings(web1, web2), providerPort);
            return new SignInSite(redis, provider, api1, api2, web1, web2);
        }
        catch
        {
            while (started.TryPop(out var part))
            {
                await part.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>A new browser: its own cookie jar, shared by its clients of both Web instances, both APIs and the provider.</summary>
    public SignInBrowser CreateBrowser() => new(this, new CookieContainer());

    public async ValueTask DisposeAsync()
    {
        foreach (var part in _parts)
        {
            await part.DisposeAsync();
        }

        Log.Dispose();
    }

    /// <summary>The <c>Authentication:Oidc</c> settings the AppHost's <c>WithSignIn</c> gives a service.</summary>
    private static Dictionary<string, string?> SignInSettings(string authority) => new()
    {
        ["Authentication:Oidc:Authority"] = authority,
        ["Authentication:Oidc:ClientId"] = TestClient.ClientId,
        ["Authentication:Oidc:ClientSecret"] = TestClient.ClientSecret,
        ["Authentication:Oidc:Scope"] = TestClient.AllScopes,
        ["Authentication:Oidc:RoleClaim"] = "groups",
        ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
        ["Authentication:Oidc:RefreshBefore"] = RefreshBefore.ToString(),
    };

    private static Dictionary<string, string?> Calling(ApiInstance api, string authority)
    {
        var settings = SignInSettings(authority);
        foreach (var (key, value) in WebInstance.CallingApi(api.Address))
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The client registration the AppHost's <c>WithClient</c> gives the provider, for both Web instances, and the short lifetimes.</summary>
    private static Dictionary<string, string?> ProviderSettings(params WebInstance[] webs)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:AccessTokenLifetime"] = AccessTokenLifetime.ToString(),
        };
        for (var i = 0; i < webs.Length; i++)
        {
            settings[$"Identity:Clients:0:RedirectUris:{i}"] = new Uri(webs[i].Address, "/signin-oidc").ToString();
            settings[$"Identity:Clients:0:PostLogoutRedirectUris:{i}"] = new Uri(webs[i].Address, "/signout-callback-oidc").ToString();
        }

        return settings;
    }
}

/// <summary>One <see cref="SignInSite"/> shared by the tests of a class; each test brings its own browsers.</summary>
public sealed class SignInSiteFixture : IAsyncLifetime
{
    private SignInSite? _site;

    public SignInSite Site => _site ?? throw new InvalidOperationException("The site has not started.");

    public async ValueTask InitializeAsync() => _site = await SignInSite.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }
}
