using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SessionApp.Tests.Web;

/// <summary>
/// One instance of the Web front end on real Kestrel at 127.0.0.1 on a free port, calling the API instance at
/// <c>services:api:http:0</c> through service discovery, its sessions in the given Redis under the given key prefix.
/// </summary>
public sealed class WebInstance : IAsyncDisposable
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    private readonly WebFactory _factory;

    private WebInstance(WebFactory factory, Uri address, string name)
    {
        _factory = factory;
        Address = address;
        Name = name;
    }

    public Uri Address { get; }

    public string Name { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<WebInstance> StartAsync(string redis, string name, string keyPrefix, Uri api)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:sessions"] = redis,
            ["Instance:Name"] = name,
            ["Sessions:KeyPrefix"] = keyPrefix,
            ["Sessions:StoreTimeout"] = "00:00:01",
            ["services:api:http:0"] = api.ToString().TrimEnd('/'),
        };

        var factory = new WebFactory(settings);
        try
        {
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            await Task.Run(factory.StartServer).WaitAsync(StepTimeout);
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new WebInstance(factory, new Uri(address), name);
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync().AsTask().WaitAsync(StepTimeout);
}
