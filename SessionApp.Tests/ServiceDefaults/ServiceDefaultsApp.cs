using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>
/// A tiny WebApplication on real Kestrel at 127.0.0.1 on a free port, started with
/// <c>AddServiceDefaults</c>, the shared Redis and its data protection key ring (as every session service has them),
/// <c>MapDefaultEndpoints</c> and the settings a test gives it.
/// </summary>
public sealed class ServiceDefaultsApp : IAsyncDisposable
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(15);

    private ServiceDefaultsApp(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = StepTimeout };
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<ServiceDefaultsApp> StartAsync(
        IDictionary<string, string?> settings,
        Action<WebApplication>? map = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var app = Build(settings, map, configure);
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(StepTimeout, TestContext.Current.CancellationToken);
            return new ServiceDefaultsApp(app, new Uri(app.Urls.Single()));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds without starting, for tests about start-up itself.</summary>
    public static WebApplication Build(
        IDictionary<string, string?> settings,
        Action<WebApplication>? map = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ApplicationName = typeof(ServiceDefaultsApp).Assembly.GetName().Name,
        });
        // The tests' Redis servers are throwaway: a plain key ring is allowed unless a test says otherwise.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:AllowUnprotectedKeys"] = "true" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        builder.AddServiceDefaults();
        builder.AddSessionRedis();
        builder.AddSessionDataProtection();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        map?.Invoke(app);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            await App.StopAsync(CancellationToken.None).WaitAsync(StepTimeout);
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
