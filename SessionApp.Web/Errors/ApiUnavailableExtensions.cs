using SessionApp.Web.Errors;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds <see cref="ApiUnavailableMiddleware"/>.</summary>
public static class ApiUnavailableExtensions
{
    /// <summary>Answers an unreachable or failing API with the 503 outage page; place it before the pages.</summary>
    public static IApplicationBuilder UseApiUnavailablePage(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<ApiUnavailableMiddleware>();
    }
}
