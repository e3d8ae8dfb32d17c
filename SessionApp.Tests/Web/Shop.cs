using System.Net;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Web;

/// <summary>
/// The whole system as a load balancer without stickiness would spread it: one real redis-server, two API
/// instances ("api-1", "api-2") and two Web instances ("web-1" calling api-1, "web-2" calling api-2), all on real
/// Kestrel at 127.0.0.1 and one session key prefix. Cookies ignore ports, so one cookie jar is one browser on all four.
/// </summary>
public sealed class Shop : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _parts;

    private Shop(RedisServerProcess redis, ApiInstance api1, ApiInstance api2, WebInstance web1, WebInstance web2)
    {
        Redis = redis;
        Api1 = api1;
        Api2 = api2;
        Web1 = web1;
        Web2 = web2;
        _parts = [web2, web1, api2, api1, redis];
    }

    public RedisServerProcess Redis { get; }

    public ApiInstance Api1 { get; }

    public ApiInstance Api2 { get; }

    public WebInstance Web1 { get; }

    public WebInstance Web2 { get; }

    /// <summary>Starts Redis (append-only when a test restarts it and expects its data back), then the APIs, then the Web instances.</summary>
    public static async Task<Shop> StartAsync(bool appendOnly = false)
    {
        var started = new Stack<IAsyncDisposable>();
        try
        {
            var redis = await RedisServerProcess.StartAsync(appendOnly);
            started.Push(redis);
            var prefix = "web-test-" + Guid.NewGuid().ToString("N")[..8];
            var api1 = await ApiInstance.StartAsync(redis.ConnectionString, "api-1", prefix);
            started.Push(api1);
            var api2 = await ApiInstance.StartAsync(redis.ConnectionString, "api-2", prefix);
            started.Push(api2);
            var web1 = await WebInstance.StartAsync(redis.ConnectionString, "web-1", prefix, WebInstance.CallingApi(api1.Address));
            started.Push(web1);
            var web2 = await WebInstance.StartAsync(redis.ConnectionString, "web-2", prefix, WebInstance.CallingApi(api2.Address));
            return new Shop(redis, api1, api2, web1, web2);
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

    /// <summary>A new browser: its own cookie jar, and a client on each instance of each service.</summary>
    public ShopBrowser CreateBrowser(string userAgent = ShopBrowser.DefaultUserAgent) => new(this, new CookieContainer(), userAgent);

    public async ValueTask DisposeAsync()
    {
        foreach (var part in _parts)
        {
            await part.DisposeAsync();
        }
    }
}
