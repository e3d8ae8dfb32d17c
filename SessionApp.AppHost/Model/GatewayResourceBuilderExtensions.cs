namespace SessionApp.AppHost.Model;

/// <summary>Declares the gateway's routes.</summary>
public static class GatewayResourceBuilderExtensions
{
    /// <summary>Sends requests matching <paramref name="path"/> to the replicas of <paramref name="target"/>.</summary>
    public static ResourceBuilder<GatewayResource> WithRoute<TTarget>(
        this ResourceBuilder<GatewayResource> gateway, string path, ResourceBuilder<TTarget> target)
        where TTarget : Resource
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(target);
        gateway.Resource.AddRoute(new GatewayRoute(path, target.Resource));
        return gateway;
    }
}
