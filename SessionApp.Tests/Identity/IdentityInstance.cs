using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionApp.Identity;

namespace SessionApp.Tests.Identity;

/// <summary>
/// The real SessionApp.Identity — its Program, appsettings.Development.json (the development users) and sign-in
/// page — on real Kestrel at 127.0.0.1 on a free port, in Development, with the client registration the AppHost
/// would give it (<see cref="TestClient"/>) and any <c>extra</c> settings.
/// </summary>
public sealed class IdentityInstance : IAsyncDisposable
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    private readonly Factory _factory;

    private IdentityInstance(Factory factory, Uri address)
    {
        _factory = factory;
        Address = address;
    }

    /// <summary>The base address, which is also the issuer.</summary>
    public Uri Address { get; }

    public static async Task<IdentityInstance> StartAsync(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Clients:0:ClientId"] = TestClient.ClientId,
            ["Identity:Clients:0:ClientSecret"] = TestClient.ClientSecret,
            ["Identity:Clients:0:RedirectUris:0"] = TestClient.RedirectUri,
            ["Identity:Clients:0:PostLogoutRedirectUris:0"] = TestClient.PostLogoutRedirectUri,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var factory = new Factory(settings);
        try
        {
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            await Task.Run(factory.StartServer).WaitAsync(StepTimeout);
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new IdentityInstance(factory, new Uri(address));
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>A browser: its own cookie jar, redirects not followed, every request bounded by <see cref="StepTimeout"/>.</summary>
    public HttpClient CreateBrowser(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = Address,
            Timeout = StepTimeout,
        };

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync().AsTask().WaitAsync(StepTimeout);

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<IdentityAssembly>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
    }
}
