using System.Globalization;
using Microsoft.Extensions.Options;
using SessionApp.ServiceDefaults.ForwardedHeaders;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace SessionApp.Gateway.Routing;

/// <summary>
/// The forwarded headers of every route, as the AWS Application Load Balancer writes them (its default
/// <c>append</c> mode): the client's <c>Host</c> kept; the address the gateway saw appended to any
/// <c>X-Forwarded-For</c> the client sent (the services read the rightmost entry only); <c>X-Forwarded-Proto</c> and
/// <c>X-Forwarded-Port</c> set to the scheme and port the client used, whatever the client sent; no
/// <c>X-Forwarded-Host</c> or <c>X-Forwarded-Prefix</c> (the balancer sends neither, so a client's are dropped).
/// Locally it also sends the deployment's proxy secret (<see cref="TrustedProxyOptions.ProxySecret"/>), by which the
/// replicas, all on loopback like any other local client, tell the gateway from a request sent straight to them.
/// </summary>
internal sealed class LoadBalancerHeaders(IOptions<TrustedProxyOptions> trusted) : ITransformProvider
{
    public const string ForwardedPortHeader = "X-Forwarded-Port";

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        context.UseDefaultForwarders = false;
        context.AddOriginalHost(useOriginal: true);
        context.AddXForwardedFor(action: ForwardedTransformActions.Append);
        context.AddXForwardedProto(action: ForwardedTransformActions.Set);
        context.AddXForwardedHost(action: ForwardedTransformActions.Remove);
        context.AddXForwardedPrefix(action: ForwardedTransformActions.Remove);
        context.AddRequestTransform(transform =>
        {
            var headers = transform.ProxyRequest.Headers;
            headers.Remove(ForwardedPortHeader);
            headers.TryAddWithoutValidation(ForwardedPortHeader, transform.HttpContext.Connection.LocalPort.ToString(CultureInfo.InvariantCulture));

            // The gateway's own pipeline already removed any the client sent (UseTrustedProxies).
            headers.Remove(TrustedProxyOptions.ProxySecretHeader);
            if (trusted.Value.ProxySecret is { } secret)
            {
                headers.TryAddWithoutValidation(TrustedProxyOptions.ProxySecretHeader, secret);
            }

            return ValueTask.CompletedTask;
        });
    }
}
