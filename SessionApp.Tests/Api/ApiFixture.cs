using System.Net;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>One API instance on its own redis-server, with an anonymous browser and browsers signed in as bob and alice (admin).</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private RedisServerProcess? _redis;
    private ApiInstance? _api;

    public ApiInstance Api => _api ?? throw new InvalidOperationException("The fixture has not started.");

    public HttpClient Anonymous { get; private set; } = null!;

    public HttpClient Bob { get; private set; } = null!;

    public HttpClient Alice { get; private set; } = null!;

    public HttpClient For(string who) => who switch
    {
        "anonymous" => Anonymous,
        "bob" => Bob,
        "alice" => Alice,
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, "anonymous, bob or alice"),
    };

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync();
        _api = await ApiInstance.StartAsync(_redis.ConnectionString, "api-1", "api-fixture");
        Anonymous = _api.CreateClient(new CookieContainer());
        Bob = _api.CreateClient(new CookieContainer());
        Alice = _api.CreateClient(new CookieContainer());
        await Bob.SignInAsync("bob", "bob-pass-1");
        await Alice.SignInAsync("alice", "alice-pass-1");
    }

    public async ValueTask DisposeAsync()
    {
        Anonymous?.Dispose();
        Bob?.Dispose();
        Alice?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
