using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.Sessions.Authentication;

namespace SessionApp.Sessions;

/// <summary>Configures the Redis session engine further after <c>AddRedisSessions</c>.</summary>
public sealed class RedisSessionsBuilder
{
    internal RedisSessionsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Keeps cookie authentication's tickets in the session for <paramref name="scheme"/>, so sign-in state lives
    /// server-side and revoking a session signs its user out everywhere.
    /// </summary>
    public RedisSessionsBuilder AddTicketStore(string scheme = CookieAuthenticationDefaults.AuthenticationScheme)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        Services.TryAddSingletonTicketStore();
        Services.AddOptions<CookieAuthenticationOptions>(scheme)
            .Configure<RedisSessionTicketStore>((options, store) => options.SessionStore = store);
        return this;
    }
}
