using System.Security.Cryptography;
using SessionApp.ServiceDefaults.ForwardedHeaders;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// The forwarded-header trust the AppHost gives the replicas locally, for the services the tests start: loopback,
/// together with a proxy secret (made for this test run) that a request acting as the load balancer carries.
/// </summary>
internal static class TrustedProxy
{
    /// <summary>This test run's proxy secret.</summary>
    public static string Secret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>The header a request acting as the load balancer carries <see cref="Secret"/> in.</summary>
    public const string Header = TrustedProxyOptions.ProxySecretHeader;

    /// <summary>The settings: <c>ForwardedHeaders:KnownNetworks</c> (loopback) and <c>ForwardedHeaders:ProxySecret</c>.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8",
        ["ForwardedHeaders:KnownNetworks:1"] = "::1/128",
        ["ForwardedHeaders:ProxySecret"] = Secret,
    };
}
