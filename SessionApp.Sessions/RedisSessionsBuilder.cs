using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.Sessions.Authentication;
using SessionApp.Sessions.Protection;

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

    /// <summary>
    /// Registers a zstd dictionary that stored values may name by <paramref name="id"/> (1–255), trained on the
    /// application's own session values and shipped with it. Every registered dictionary is read;
    /// <c>Sessions:CompressionDictionary</c> chooses the one new values are written with. Register a new dictionary in
    /// one rollout and write with it in the next, and keep an old one registered while values written with it live.
    /// </summary>
    public RedisSessionsBuilder AddCompressionDictionary(int id, byte[] dictionary)
    {
        Services.AddSingleton(new SessionCompressionDictionary(id, dictionary));
        return this;
    }

    /// <summary>Registers a dictionary kept as an embedded resource of <paramref name="assembly"/> (see <see cref="AddCompressionDictionary(int, byte[])"/>).</summary>
    public RedisSessionsBuilder AddCompressionDictionary(int id, System.Reflection.Assembly assembly, string resourceName)
    {
        Services.AddSingleton(SessionCompressionDictionary.FromResource(id, assembly, resourceName));
        return this;
    }
}
