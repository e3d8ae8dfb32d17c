using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace SessionApp.ServiceDefaults;

/// <summary>
/// Puts forwarded headers and the <c>X-Instance</c> header at the very start of the pipeline, before anything
/// the application adds, so every later component sees the client's scheme, host and address.
/// </summary>
internal sealed class ServiceDefaultsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        return app =>
        {
            app.UseForwardedHeaders();
            app.UseInstanceHeader();
            next(app);
        };
    }
}
