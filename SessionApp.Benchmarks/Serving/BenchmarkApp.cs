using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using SessionApp.Benchmarks.Compression;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace SessionApp.Benchmarks.Serving;

/// <summary>
/// Builds the web application for one variant: Kestrel on 127.0.0.1, logging off, the same slim pipeline for
/// all three; only the session registration and middleware differ.
/// </summary>
internal static class BenchmarkApp
{
    public const string HealthPath = "/health";

    /// <summary>The bytes this process has allocated so far, for the driver's allocation figure.</summary>
    public const string AllocatedPath = "/allocated";

    public static async Task<WebApplication> CreateAsync(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton<WorkCounter>();
        builder.Services.AddSingleton(new BenchmarkPayload(options.Payload));
        // Keys in memory for every variant that protects anything: nothing written to the home folder.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();

        switch (options.Variant)
        {
            case BenchmarkVariant.Engine:
                await EngineRedis.AddAsync(builder.Services, options.Redis);
                var engine = builder.Services.AddRedisSessions(sessions => ConfigureEngine(sessions, options));
                if (options.Dictionary)
                {
                    engine.AddSessionDictionaries();
                }

                break;
            case BenchmarkVariant.Builtin:
                builder.Services.AddStackExchangeRedisCache(cache =>
                {
                    cache.Configuration = options.Redis;
                    cache.InstanceName = "builtin:";
                });
                builder.Services.AddSession();
                break;
            case BenchmarkVariant.Raw:
                var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis);
                // Registered through a factory, so the container disposes it with the application.
                builder.Services.AddSingleton<IConnectionMultiplexer>(_ => redis);
                break;
        }

        var app = builder.Build();
        if (options.Variant == BenchmarkVariant.Engine)
        {
            app.UseRedisSessions();
        }
        else if (options.Variant == BenchmarkVariant.Builtin)
        {
            app.UseSession();
        }

        app.MapGet(HealthPath, static () => TypedResults.Text("ok"));
        app.MapGet(AllocatedPath, static () => TypedResults.Text(GC.GetTotalAllocatedBytes(precise: true).ToString(CultureInfo.InvariantCulture)));
        if (options.Variant == BenchmarkVariant.Raw)
        {
            app.MapRawWorkApi();
        }
        else
        {
            app.MapSessionWorkApi();
        }

        return app;
    }

    private static void ConfigureEngine(SessionApp.Sessions.Configuration.RedisSessionOptions sessions, ServeOptions options)
    {
        var encrypt = options.Encrypt;
        sessions.DurableWrites = options.DurableWrites;
        sessions.KeyPrefix = "bench";
        sessions.UserHashKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        sessions.EncryptValues = encrypt;
        sessions.CompressValues = options.Compress;
        sessions.CompressionDictionary = options.Dictionary ? SessionApp.Benchmarks.Compression.SessionDictionaries.CurrentId : null;
        if (encrypt)
        {
            sessions.EncryptionKeys.Add("bench:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
    }
}
