using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SessionApp.ServiceDefaults.Instance;

/// <summary>Registers <see cref="InstanceInfo"/>.</summary>
internal static class InstanceInfoExtensions
{
    public static IServiceCollection AddInstanceInfo(this IServiceCollection services)
    {
        services.TryAddSingleton(static provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var server = provider.GetService<IServer>();
            var machineName = Environment.MachineName;
            return new InstanceInfo(() => InstanceNameResolver.Resolve(configuration, server, machineName), machineName);
        });
        return services;
    }
}
