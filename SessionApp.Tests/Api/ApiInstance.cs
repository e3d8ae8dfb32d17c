using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SessionApp.Tests.Api;

/// <summary>One instance of the API on real Kestrel at 127.0.0.1 on a free port; several on one Redis stand for replicas.</summary>
public sealed class ApiInstance : IAsyncDisposable
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    private readonly ApiFactory _factory;

    private ApiInstance(ApiFactory factory, Uri address, string name)
    {
        _factory = factory;
        Address = address;
        Name = name;
    }

    public Uri Address { get; }

    public string Name { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts an instance named <paramref name="name"/> on <paramref name="redis"/>, its keys under <paramref name="keyPrefix"/>.</summary>
    public static async Task<ApiInstance> StartAsync(string redis, string name, string keyPrefix, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:sessions"] = redis,
            ["Instance:Name"] = name,
            ["Sessions:KeyPrefix"] = keyPrefix,
            ["Sessions:StoreTimeout"] = "00:00:01",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var factory = new ApiFactory(settings);
        try
        {
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            await Task.Run(factory.StartServer).WaitAsync(StepTimeout);
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new ApiInstance(factory, new Uri(address), name);
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client with <paramref name="cookies"/> as its cookie jar: one browser (share the jar to be the same browser on another instance).</summary>
    public HttpClient CreateClient(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = Address,
            Timeout = StepTimeout,
        };

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync().AsTask().WaitAsync(StepTimeout);
}
