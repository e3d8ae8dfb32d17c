namespace SessionApp.Gateway.Routing;

/// <summary>The gateway's own limits (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// The largest request body the gateway forwards (<c>Gateway:MaxRequestBodyBytes</c>); a larger one, announced
    /// or chunked, is answered 413 problem details without reaching a replica. Default 1 MiB, the API's own limit.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
