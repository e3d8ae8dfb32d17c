using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// One instance of a SessionApp service — the real Api or Web, with its Program, appsettings.json and pages — on
/// real Kestrel at 127.0.0.1 on a free port, its sessions in the given Redis under the given key prefix. Several
/// on one Redis stand for replicas. <c>ApiInstance</c> and <c>WebInstance</c> name the two kinds.
/// </summary>
/// <typeparam name="TEntryPoint">A type of the service's assembly.</typeparam>
public sealed class ServiceInstance<TEntryPoint> : IAsyncDisposable
    where TEntryPoint : class
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The key naming per-user data in Redis in tests (base64 of 32 bytes): Production, where they run, has no default.</summary>
    public const string TestUserHashKey = "dGVzdC1vbmx5IHVzZXIgaGFzaCBrZXkgLS0gMzIgYnl0ZXM=";

    private readonly Factory _factory;

    private ServiceInstance(Factory factory, Uri address, string name)
    {
        _factory = factory;
        Address = address;
        Name = name;
    }

    public Uri Address { get; }

    public string Name { get; }

    public IServiceProvider Services => _factory.Services;

#pragma warning disable CA1000 // Reached as ApiInstance.StartAsync / WebInstance.CallingApi through the global aliases.
    /// <summary>
    /// Starts an instance named <paramref name="name"/>; <paramref name="extra"/> settings override the defaults. It
    /// listens on <paramref name="port"/>, or a free port when 0.
    /// </summary>
    public static async Task<ServiceInstance<TEntryPoint>> StartAsync(string redis, string name, string keyPrefix, IDictionary<string, string?>? extra = null, int port = 0)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:sessions"] = redis,
            ["Instance:Name"] = name,
            ["Sessions:KeyPrefix"] = keyPrefix,
            ["Sessions:StoreTimeout"] = "00:00:01",
            ["DataProtection:AllowUnprotectedKeys"] = "true",
            ["Sessions:UserHashKey"] = TestUserHashKey,
        };
        foreach (var (key, value) in DemoUsers.Settings)
        {
            settings[key] = value;
        }

        // Behind the load balancer, as the AppHost runs them: its forwarded headers count, a client's do not.
        foreach (var (key, value) in TrustedProxy.Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var factory = new Factory(settings);
        try
        {
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
            await Task.Run(factory.StartServer).WaitAsync(StepTimeout);
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new ServiceInstance<TEntryPoint>(factory, new Uri(address), name);
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>The setting that points a Web instance at an Api instance (<c>http://api</c> through service discovery).</summary>
    public static Dictionary<string, string?> CallingApi(Uri api) => new() { ["services:api:http:0"] = api.ToString().TrimEnd('/') };
#pragma warning restore CA1000

    /// <summary>A client with <paramref name="cookies"/> as its cookie jar: one browser (share the jar to be the same browser on another instance).</summary>
    public HttpClient CreateClient(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = Address,
            Timeout = StepTimeout,
        };

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync().AsTask().WaitAsync(StepTimeout);

    /// <summary>The real service in the Production environment, quiet, with the settings a test gives it.</summary>
    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<TEntryPoint>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
    }
}
