using SessionApp.ServiceDefaults.Instance;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the <c>X-Instance</c> response header.</summary>
public static class InstanceHeaderExtensions
{
    /// <summary>
    /// Adds the <c>X-Instance</c> response header with <see cref="InstanceInfo.Name"/>. <c>AddServiceDefaults</c>
    /// already puts it at the start of the pipeline; call this only in an application that does not use them.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The same application builder.</returns>
    public static IApplicationBuilder UseInstanceHeader(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<InstanceHeaderMiddleware>();
    }
}
