using SessionApp.Gateway.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the gateway's request body limit to the pipeline.</summary>
public static class BodyLimitApplicationBuilderExtensions
{
    /// <summary>Refuses request bodies over <c>Gateway:MaxRequestBodyBytes</c> with 413 problem details; put it first.</summary>
    public static IApplicationBuilder UseGatewayBodyLimit(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<BodyLimitMiddleware>();
    }
}
