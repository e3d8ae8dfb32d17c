using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>A bare WebApplication on real Kestrel at 127.0.0.1 on a free port: the "other service" a test calls.</summary>
internal static class PlainApp
{
    public static async Task<WebApplication> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(ServiceDefaultsApp.StepTimeout, TestContext.Current.CancellationToken);
        return app;
    }
}
