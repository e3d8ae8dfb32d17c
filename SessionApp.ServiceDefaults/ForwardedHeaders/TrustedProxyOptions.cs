namespace SessionApp.ServiceDefaults.ForwardedHeaders;

/// <summary>
/// Which proxies may set <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>, bound from the
/// <c>ForwardedHeaders</c> section.
/// </summary>
/// <remarks>
/// When both lists are empty (the default) the headers are accepted from any peer: the services sit behind a load
/// balancer in a private network, are not reachable directly, and the balancer's address changes as it scales, so a
/// fixed list would break. Where a service can be reached without the balancer, list the balancer's subnets in
/// <see cref="KnownNetworks"/> or its addresses in <see cref="KnownProxies"/>; then only those are trusted.
/// One hop is processed (ASP.NET Core's default <c>ForwardLimit</c> of 1), the one the balancer added.
/// </remarks>
public sealed class TrustedProxyOptions
{
    /// <summary>The configuration section: <c>ForwardedHeaders</c>.</summary>
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Trusted networks in CIDR form, e.g. <c>10.0.0.0/16</c> (<c>ForwardedHeaders:KnownNetworks:0</c>...). Default empty.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>Trusted proxy addresses, e.g. <c>10.0.1.5</c> (<c>ForwardedHeaders:KnownProxies:0</c>...). Default empty.</summary>
    public IList<string> KnownProxies { get; } = [];
}
