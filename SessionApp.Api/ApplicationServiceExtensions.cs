using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SessionApp.Api.Auth;
using SessionApp.Api.Users;

namespace SessionApp.Api;

/// <summary>The API's own services, on top of the service defaults and the shared session setup.</summary>
public static class ApplicationServiceExtensions
{
    /// <summary>
    /// Adds the user store (section <c>Users</c>, validated at start-up, passwords hashed as the host starts; outside
    /// Development only with <c>InsecureDemoPasswords=true</c>), the
    /// sign-in throttle (section <c>LoginThrottle</c>, validated at start-up), the OpenAPI document and minimal APIs that throw on unreadable requests so they become
    /// 400 problem details. Kestrel sends no <c>Server</c> banner.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<UsersOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                configuration.GetSection(UsersOptions.SectionName).Bind(options.Users))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UsersOptions>, UsersOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UsersOptions>, DemoPasswordsValidator>());
        services.TryAddSingleton<UserStore>();
        services.AddHostedService<UserStoreInitializer>();
        services.AddOptions<LoginThrottleOptions>()
            .BindConfiguration(LoginThrottleOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoginThrottleOptions>, LoginThrottleOptionsValidator>());
        services.TryAddSingleton<LoginThrottle>();

        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        services.AddOpenApi();
        return builder;
    }
}
