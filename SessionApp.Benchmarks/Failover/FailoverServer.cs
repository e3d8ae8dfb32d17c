using SessionApp.Benchmarks.Serving;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SessionApp.Sessions.Configuration;

namespace SessionApp.Benchmarks.Failover;

/// <summary>
/// The engine as a service would run it (Production, problem details, the id in the <c>X-Session-Id</c> header so
/// the driver can keep every id it was given), in this process on a free loopback port, over the cluster. Each
/// answer names the session's handle in <c>X-Session-Handle</c>, from which the driver finds its hash slot.
/// </summary>
internal sealed class FailoverServer : IAsyncDisposable
{
    public const string IdHeader = "X-Session-Id";
    public const string HandleHeader = "X-Session-Handle";
    public const string KeyPrefix = "fo";
    private readonly WebApplication _app;

    private FailoverServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<FailoverServer> StartAsync(string redis, DurableWrites durableWrites)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddProblemDetails();
        await EngineRedis.AddAsync(builder.Services, redis);
        builder.Services.AddRedisSessions(options =>
        {
            options.KeyPrefix = KeyPrefix;
            options.HeaderName = IdHeader;
            options.EncryptValues = false;
            options.UserHashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            options.DurableWrites = durableWrites;
        });

        var app = builder.Build();
        app.Use(static (context, next) =>
        {
            // Names the session a request worked on in every answer, a 503 included, so the driver knows its slot.
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                if (context.Items[HandleHeader] is string handle)
                {
                    context.Response.Headers[HandleHeader] = handle;
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        app.UseRedisSessions();
        MapEndpoints(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FailoverServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/f/value", static async (HttpContext context) =>
        {
            await context.Session.LoadAsync(context.RequestAborted);
            if (!context.Session.TryGetValue("v", out var value))
            {
                return Results.NotFound();
            }

            context.Items[HandleHeader] = context.Session.Id;
            return Results.Bytes(value, "text/plain");
        });
        app.MapPut("/f/value", static async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var value = await reader.ReadToEndAsync(context.RequestAborted);
            await context.Session.LoadAsync(context.RequestAborted);
            context.Session.SetString("v", value);
            context.Items[HandleHeader] = context.Session.Id;

            // The value back in the body, written before the commit: the response's start must wait for it, and a
            // commit that fails must still be a 503, never a reset.
            return Results.Text(value, "text/plain");
        });
        app.MapPost("/f/signin/{user}", static async (string user, HttpContext context) =>
        {
            var session = context.GetServerSession();
            await session.RegenerateIdAsync();
            await session.BindUserAsync(user);
            context.Items[HandleHeader] = session.Id;
            return Results.NoContent();
        });
        app.MapPost("/f/revoke", static async (HttpContext context) =>
        {
            context.Items[HandleHeader] = context.Session.Id;
            await context.GetServerSession().RevokeAsync();
            return Results.NoContent();
        });
    }
}
