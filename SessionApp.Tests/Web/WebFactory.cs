using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using SessionApp.Web;

namespace SessionApp.Tests.Web;

/// <summary>The real Web front end (its Program, pages and wwwroot) with the settings a test gives it.</summary>
public sealed class WebFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<WebAssembly>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
    }
}
