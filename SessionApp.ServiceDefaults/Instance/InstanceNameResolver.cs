using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace SessionApp.ServiceDefaults.Instance;

/// <summary>Works out <see cref="InstanceInfo.Name"/>; returns null while the name depends on a port not yet known.</summary>
internal static class InstanceNameResolver
{
    public const string NameKey = "Instance:Name";
    public const string ResourceAttributesKey = "OTEL_RESOURCE_ATTRIBUTES";
    public const string InstanceIdAttribute = "service.instance.id";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    public static string? Resolve(IConfiguration configuration, IServer? server, string machineName)
    {
        var configured = configuration[NameKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        var fromResource = FindResourceAttribute(configuration[ResourceAttributesKey], InstanceIdAttribute);
        if (!string.IsNullOrWhiteSpace(fromResource))
        {
            // Aspire names a replica by a random suffix; the dashboard shows it as "{service}-{suffix}", and so do we.
            var service = configuration[ServiceNameKey]?.Trim();
            return string.IsNullOrEmpty(service) || fromResource.StartsWith(service, StringComparison.Ordinal)
                ? fromResource
                : $"{service}-{fromResource}";
        }

        var port = server?.Features.Get<IServerAddressesFeature>()?.Addresses.Select(FindPort).FirstOrDefault(p => p is not null);
        return port is null ? null : $"{machineName}:{port.Value.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Reads one attribute from the OpenTelemetry <c>key1=value1,key2=value2</c> form, values percent-decoded.</summary>
    public static string? FindResourceAttribute(string? attributes, string key)
    {
        if (string.IsNullOrWhiteSpace(attributes))
        {
            return null;
        }

        foreach (var pair in attributes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair.AsSpan(0, equals).Trim().Equals(key, StringComparison.Ordinal))
            {
                var value = Uri.UnescapeDataString(pair[(equals + 1)..].Trim());
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }

    /// <summary>The port of a server address such as <c>http://127.0.0.1:5000</c> or <c>http://+:8080</c>.</summary>
    public static int? FindPort(string address)
    {
        var start = address.IndexOf("://", StringComparison.Ordinal);
        var authority = start < 0 ? address : address[(start + 3)..];
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            authority = authority[..slash];
        }

        var colon = authority.LastIndexOf(':');
        if (colon < 0 || authority.EndsWith(']'))
        {
            return null;
        }

        return int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }
}
