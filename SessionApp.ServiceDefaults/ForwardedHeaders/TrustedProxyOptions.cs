namespace SessionApp.ServiceDefaults.ForwardedHeaders;

/// <summary>
/// Which proxies may tell a service the client's address and scheme (<c>X-Forwarded-For</c>,
/// <c>X-Forwarded-Proto</c>), bound from the <c>ForwardedHeaders</c> section.
/// </summary>
/// <remarks>
/// <para>
/// Nobody is trusted unless configured: with both lists empty (the default) the headers are ignored and the service
/// sees the address and scheme of the connection itself. In AWS the stack lists the VPC in <see cref="KnownNetworks"/>
/// (the load balancer's addresses change as it scales, and only the VPC reaches the tasks). Locally every process is
/// on loopback, where a request from the gateway and one sent straight to a replica's port come from the same
/// address, so the AppHost lists loopback and also sets <see cref="ProxySecret"/>: only a request that carries it
/// (from the gateway, or from the web front end calling the API) is trusted.
/// </para>
/// <para>
/// <c>X-Forwarded-Host</c> is never honoured: the AWS load balancer keeps the client's <c>Host</c> and sends no
/// <c>X-Forwarded-Host</c>, so one that arrives was written by the client. The local gateway keeps <c>Host</c> too.
/// </para>
/// </remarks>
public sealed class TrustedProxyOptions
{
    /// <summary>The configuration section: <c>ForwardedHeaders</c>.</summary>
    public const string SectionName = "ForwardedHeaders";

    /// <summary>
    /// The request header a trusted proxy carries <see cref="ProxySecret"/> in. A service removes it from every
    /// request before anything else reads it.
    /// </summary>
    public const string ProxySecretHeader = "X-SessionApp-Proxy-Secret";

    /// <summary>The shortest <see cref="ProxySecret"/> accepted: 32 characters.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>Trusted networks in CIDR form, e.g. <c>10.0.0.0/16</c> (<c>ForwardedHeaders:KnownNetworks:0</c>...). Default empty.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>Trusted proxy addresses, e.g. <c>10.0.1.5</c> (<c>ForwardedHeaders:KnownProxies:0</c>...). Default empty.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>
    /// How many entries of <c>X-Forwarded-For</c> are read from the right (<c>ForwardedHeaders:ForwardLimit</c>): the
    /// number of trusted proxies that each append one. Default 1, the one entry the load balancer appends (the
    /// address it saw); entries to its left were written by the client.
    /// </summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>
    /// When set, a request from a known network or proxy is trusted only if it carries this value in
    /// <see cref="ProxySecretHeader"/> (<c>ForwardedHeaders:ProxySecret</c>, at least 32 characters), and the
    /// proxies of this deployment send it. Default unset: trust rests on the network alone, as in AWS. The AppHost
    /// generates one for each local run; no default ships.
    /// </summary>
    public string? ProxySecret { get; set; }
}
