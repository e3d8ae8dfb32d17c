using SessionApp.Api.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds <see cref="SameOriginMiddleware"/>.</summary>
public static class SameOriginExtensions
{
    /// <summary>Refuses state-changing requests a browser sent from another origin (403); place it before the sessions.</summary>
    public static IApplicationBuilder UseSameOriginRequests(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<SameOriginMiddleware>();
    }
}
