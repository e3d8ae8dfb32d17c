using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ForwardedHeaderFlags = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders;

namespace SessionApp.ServiceDefaults.ForwardedHeaders;

/// <summary>
/// Configures forwarded headers from <see cref="TrustedProxyOptions"/>: only the configured networks and proxies, none
/// by default (ASP.NET Core's own default would trust loopback, which locally is everyone).
/// </summary>
internal static class TrustedProxyExtensions
{
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrustedProxyOptions>()
            .BindConfiguration(TrustedProxyOptions.SectionName)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>());

        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<TrustedProxyOptions>>((options, trusted) =>
            {
                // Never XForwardedHost: the load balancer keeps the client's Host and sends none of its own.
                options.ForwardedHeaders = ForwardedHeaderFlags.XForwardedFor | ForwardedHeaderFlags.XForwardedProto;
                options.ForwardLimit = trusted.Value.ForwardLimit;
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
                foreach (var network in trusted.Value.KnownNetworks)
                {
                    options.KnownIPNetworks.Add(IPNetwork.Parse(network));
                }

                foreach (var proxy in trusted.Value.KnownProxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            });

        return builder;
    }
}
