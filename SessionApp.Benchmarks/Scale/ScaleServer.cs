using SessionApp.Benchmarks.Compression;
using SessionApp.Benchmarks.Serving;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SessionApp.Sessions.Users;

namespace SessionApp.Benchmarks.Scale;

/// <summary>
/// A session store under test, in this process on a free loopback port: the engine (<c>AddRedisSessions</c>) or the
/// built-in <c>AddSession()</c> over <c>AddStackExchangeRedisCache</c>. <c>POST /seed/{user}?n=N</c> creates one session
/// holding session N's payload (<see cref="ScalePayload"/>: 1,000 random bytes, or a realistic JSON session) and the
/// user id (for the engine, bound to the user, optionally with a short idle timeout); <c>GET /list/{user}</c> lists a
/// user's sessions (engine only).
/// </summary>
internal sealed class ScaleServer : IAsyncDisposable
{
    public const string KeyPrefix = "sc";
    public const int ValueBytes = 1000;
    private readonly WebApplication _app;

    private ScaleServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Session <paramref name="n"/>'s payload: the same in every run and for either store.</summary>
    public static byte[] Payload(ScalePayload payload, int n)
    {
        if (payload == ScalePayload.Json)
        {
            return SessionPayloads.Create(n);
        }

        var value = new byte[ValueBytes];
        new Random(n).NextBytes(value);
        return value;
    }

    public static async Task<ScaleServer> StartAsync(string redis, bool engine, ScaleSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddProblemDetails();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        if (engine)
        {
            await EngineRedis.AddAsync(builder.Services, redis);
            builder.Services.AddRedisSessions(options =>
            {
                options.KeyPrefix = KeyPrefix;
                options.EncryptValues = false;
                options.UserHashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                options.StoreTimeout = TimeSpan.FromSeconds(10);
                options.CompressValues = settings.Compression != EngineCompression.Off;
                options.CompressionDictionary = settings.Compression == EngineCompression.Dictionary ? SessionDictionaries.CurrentId : null;
            }).AddSessionDictionaries();
        }
        else
        {
            builder.Services.AddStackExchangeRedisCache(cache =>
            {
                cache.Configuration = redis;
                cache.InstanceName = "builtin:";
            });
            builder.Services.AddSession();
        }

        var app = builder.Build();
        if (engine)
        {
            app.UseRedisSessions();
            app.MapPost("/seed/{user}", async (string user, int n, int? idleMs, HttpContext context) =>
            {
                var session = context.GetServerSession();
                session.Set("v", Payload(settings.Payload, n));
                if (idleMs is { } idle)
                {
                    session.SetIdleTimeout(TimeSpan.FromMilliseconds(idle));
                }

                await session.BindUserAsync(user);
                return Results.NoContent();
            });
            app.MapGet("/list/{user}", static async (string user, ISessionManager sessions) => Results.Ok((await sessions.ListAsync(user)).Count));
        }
        else
        {
            app.UseSession();
            app.MapPost("/seed/{user}", async (string user, int n, HttpContext context) =>
            {
                await context.Session.LoadAsync();
                context.Session.Set("v", Payload(settings.Payload, n));
                context.Session.SetString("u", user);
                return Results.NoContent();
            });
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ScaleServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
