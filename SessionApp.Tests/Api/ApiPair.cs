using System.Net;

namespace SessionApp.Tests.Api;

/// <summary>Two API instances, "api-1" and "api-2", on one Redis with a key prefix of their own, as behind a load balancer without stickiness.</summary>
public sealed class ApiPair : IAsyncDisposable
{
    private ApiPair(ApiInstance first, ApiInstance second)
    {
        First = first;
        Second = second;
    }

    public ApiInstance First { get; }

    public ApiInstance Second { get; }

    public static async Task<ApiPair> StartAsync(string redis, IDictionary<string, string?>? extra = null)
    {
        var prefix = "api-test-" + Guid.NewGuid().ToString("N")[..8];
        var first = await ApiInstance.StartAsync(redis, "api-1", prefix, extra);
        try
        {
            return new ApiPair(first, await ApiInstance.StartAsync(redis, "api-2", prefix, extra));
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }
    }

    /// <summary>One browser that reaches both instances: a client for each, over one cookie jar.</summary>
    public (HttpClient OnFirst, HttpClient OnSecond, CookieContainer Cookies) CreateBrowser()
    {
        var cookies = new CookieContainer();
        return (First.CreateClient(cookies), Second.CreateClient(cookies), cookies);
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
