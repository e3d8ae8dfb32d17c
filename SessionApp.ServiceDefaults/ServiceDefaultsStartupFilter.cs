using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace SessionApp.ServiceDefaults;

/// <summary>
/// Puts forwarded headers from trusted proxies (<c>UseTrustedProxies</c>), the <c>X-Instance</c> header and a last-resort exception handler at the very start of
/// the pipeline, before anything the application adds: every later component sees the client's scheme, host and
/// address, and an exception nothing else handled becomes a 500 problem details response that names the instance.
/// An application's own <c>UseExceptionHandler</c> or the developer exception page sit inside and catch first.
/// </summary>
internal sealed class ServiceDefaultsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        return app =>
        {
            app.UseTrustedProxies();
            app.UseInstanceHeader();
            app.UseExceptionHandler();
            next(app);
        };
    }
}
