using System.Globalization;
using Amazon;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Configuration;
using SessionApp.ServiceDefaults.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Adds AWS Systems Manager Parameter Store to the configuration.</summary>
public static class SsmParameterStoreExtensions
{
    /// <summary>The configuration section the SSM settings bind from: <c>Ssm</c>.</summary>
    public const string SectionName = "Ssm";

    /// <summary>
    /// Adds the parameters under <c>Ssm:Path</c> (e.g. <c>/sessionapp/production/</c>, which the AWS stack sets as the
    /// task's <c>Ssm__Path</c>) to <paramref name="builder"/>'s configuration, above every source already there, and
    /// composes <c>ConnectionStrings:sessions</c> from the MemoryDB parameters (and <c>Sessions:UserHashKey</c> and
    /// <c>Authentication:Oidc:ClientSecret</c> from their secrets). Does nothing when <c>Ssm:Path</c> is
    /// not set or the parameters were added already. Optional keys: <c>Ssm:ReloadInterval</c> (a TimeSpan; default none), <c>Ssm:Region</c> (default the
    /// SDK's: <c>AWS_REGION</c>) and <c>Ssm:ServiceUrl</c> (another endpoint). A missing required parameter or an
    /// unreachable SSM throws <see cref="SsmParameterStoreException"/>, whose message names the parameter or the path.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="configure">Changes the source after the keys are read, e.g. its client.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddSsmParameterStore(this IHostApplicationBuilder builder, Action<SsmParameterStoreSource>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(SectionName);
        var path = section["Path"];
        if (string.IsNullOrWhiteSpace(path) || builder.Configuration.Sources.OfType<SsmParameterStoreSource>().Any())
        {
            return builder;
        }

        builder.Configuration.AddSsmParameterStore(source =>
        {
            source.Path = path;
            source.ReloadInterval = ParseInterval(section["ReloadInterval"]);
            var region = section["Region"];
            var serviceUrl = section["ServiceUrl"];
            if (region is not null || serviceUrl is not null)
            {
                source.CreateClient = () => new AmazonSimpleSystemsManagementClient(ClientConfig(region, serviceUrl));
            }

            configure?.Invoke(source);
        });
        return builder;
    }

    /// <summary>Adds <see cref="SsmParameterStoreSource"/> to <paramref name="builder"/>.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="configure">Sets the source's path and options.</param>
    /// <returns>The same builder.</returns>
    public static IConfigurationBuilder AddSsmParameterStore(this IConfigurationBuilder builder, Action<SsmParameterStoreSource> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var source = new SsmParameterStoreSource();
        configure(source);
        return builder.Add(source);
    }

    private static AmazonSimpleSystemsManagementConfig ClientConfig(string? region, string? serviceUrl)
    {
        var config = SsmParameterStoreSource.DefaultConfig();
        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }

    private static TimeSpan? ParseInterval(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero
            ? interval
            : throw new SsmParameterStoreException($"{SectionName}:ReloadInterval must be a positive TimeSpan such as 00:05:00; it is '{value}'.");
    }
}
