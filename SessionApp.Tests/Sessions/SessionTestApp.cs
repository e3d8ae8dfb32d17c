using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionApp.Sessions;
using SessionApp.Sessions.Configuration;
using SessionApp.Sessions.Users;
using ConnectionMultiplexer = StackExchange.Redis.ConnectionMultiplexer;
using IConnectionMultiplexer = StackExchange.Redis.IConnectionMultiplexer;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// A real Kestrel application on a free loopback port using the engine exactly as a service would, with a small
/// set of endpoints that exercise it. Several instances over one Redis stand for several replicas.
/// </summary>
public sealed class SessionTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SessionTestApp(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>A <c>Sessions:UserHashKey</c> for instances started outside Development (32 bytes, for tests only).</summary>
    public const string TestUserHashKey = "dGVzdC1vbmx5IHVzZXIgaGFzaCBrZXkgLS0gMzIgYnl0ZXM=";

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts an instance on <paramref name="redis"/>, or on <paramref name="multiplexer"/> when a test needs to watch
    /// the connection; <paramref name="clock"/> stands in for the web server's clock; <paramref name="logs"/>, when
    /// given, receives the application's log from <paramref name="minimumLogLevel"/> up (the host's default:
    /// Information); <paramref name="sessions"/> configures the engine further (dictionaries).
    /// </summary>
    public static async Task<SessionTestApp> StartAsync(
        string redis,
        Action<RedisSessionOptions>? configure = null,
        string environment = "Development",
        IConnectionMultiplexer? multiplexer = null,
        TimeProvider? clock = null,
        ILoggerProvider? logs = null,
        Action<RedisSessionsBuilder>? sessions = null,
        LogLevel minimumLogLevel = LogLevel.Information)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // A rule of its own: the test folder's appsettings.json (the identity provider's, copied in) sets Default.
        builder.Logging.AddFilter(category: null, minimumLogLevel);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddProblemDetails();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        if (multiplexer is not null)
        {
            builder.Services.AddSingleton(multiplexer);
        }
        else
        {
            // The services' own connection settings (ServiceDefaults' fail-fast budget); the container disposes it.
            var own = await ConnectionMultiplexer.ConnectAsync(SessionApp.ServiceDefaults.Redis.RedisConfiguration.Parse(redis));
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => own);
        }

        var engine = builder.Services.AddRedisSessions(options =>
        {
            options.KeyPrefix = "test";
            configure?.Invoke(options);
        }).AddTicketStore();
        sessions?.Invoke(engine);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.Use(static async (context, next) =>
        {
            // A request that names a "finished" gate reaches it once the whole pipeline, session commit included, is done.
            try
            {
                await next(context);
            }
            finally
            {
                if (context.Request.Query["finished"] is [{ } finished])
                {
                    RequestGates.Reach(finished);
                }
            }
        });
        app.UseRedisSessions();
        app.UseAuthentication();
        app.UseAuthorization();
        MapEndpoints(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SessionTestApp(app, new Uri(address));
    }

    /// <summary>A client with its own cookie jar, as one browser.</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/values/{key}", (string key, HttpContext context) =>
            context.Session.TryGetValue(key, out var value) ? Results.Text(Encoding.UTF8.GetString(value)) : Results.NotFound());
        app.MapPut("/values/{key}", async (string key, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            context.Session.SetString(key, await reader.ReadToEndAsync());
            return Results.NoContent();
        });
        app.MapPut("/bytes/{key}", async (string key, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            context.Session.Set(key, body.ToArray());
            return Results.NoContent();
        });
        app.MapDelete("/values/{key}", (string key, HttpContext context) =>
        {
            context.Session.Remove(key);
            return Results.NoContent();
        });
        app.MapPost("/clear", (HttpContext context) =>
        {
            context.Session.Clear();
            return Results.NoContent();
        });
        app.MapGet("/keys", (HttpContext context) => Results.Ok(context.Session.Keys.Order().ToArray()));
        app.MapGet("/metadata", (HttpContext context) => Results.Ok(context.GetServerSession().Metadata));
        app.MapPost("/increment/{key}", async (string key, HttpContext context) =>
        {
            var next = await context.GetServerSession().UpdateAsync(key, current =>
                Encoding.UTF8.GetBytes(((current is null ? 0 : int.Parse(Encoding.UTF8.GetString(current), System.Globalization.CultureInfo.InvariantCulture)) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return Results.Text(Encoding.UTF8.GetString(next!));
        });
        app.MapPost("/cas/{key}", async (string key, long expected, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var result = await context.GetServerSession().TrySetAsync(key, Encoding.UTF8.GetBytes(await reader.ReadToEndAsync()), expected);
            return Results.Ok(result);
        });
        app.MapPost("/idle-timeout/{milliseconds}", (long milliseconds, HttpContext context) =>
        {
            try
            {
                context.GetServerSession().SetIdleTimeout(TimeSpan.FromMilliseconds(milliseconds));
                return Results.NoContent();
            }
            catch (ArgumentOutOfRangeException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });
        app.MapGet("/version/{key}", (string key, HttpContext context) => Results.Ok(context.GetServerSession().GetVersion(key)));
        app.MapPost("/rotate", async (HttpContext context) =>
        {
            await context.GetServerSession().RegenerateIdAsync();
            return Results.NoContent();
        });
        app.MapPost("/bind/{user}", async (string user, HttpContext context) =>
        {
            var session = context.GetServerSession();
            await session.RegenerateIdAsync();
            await session.BindUserAsync(user);
            return Results.Text(session.Id);
        });
        app.MapPost("/signin/{user}", async (string user, HttpContext context) =>
        {
            await context.GetServerSession().RegenerateIdAsync();
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Name, user)], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(new ClaimsPrincipal(identity));
            return Results.NoContent();
        });
        app.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync();
            return Results.NoContent();
        });
        app.MapGet("/whoami", (ClaimsPrincipal user) => Results.Text(user.Identity!.Name)).RequireAuthorization();
        app.MapGet("/users/{user}/sessions", async (string user, HttpContext context, ISessionManager sessions) =>
            Results.Ok(await sessions.ListAsync(user, context.Session.Id)));
        app.MapPost("/users/{user}/revoke-others", async (string user, HttpContext context, ISessionManager sessions) =>
            Results.Ok(await sessions.RevokeAllAsync(user, context.Session.Id)));
        app.MapGet("/users/{user}/values/{key}", async (string user, string key, HttpContext context, ISessionManager sessions) =>
            Results.Ok((await sessions.ReadEachAsync(user, key, context.Session.Id)).Select(v => new[] { v.Handle, System.Text.Encoding.UTF8.GetString(v.Value) })));
        app.MapPost("/users/{user}/revoke-all", async (string user, ISessionManager sessions) =>
            Results.Ok(await sessions.RevokeAllAsync(user)));
        app.MapDelete("/users/{user}/sessions/{handle}", async (string user, string handle, ISessionManager sessions) =>
            await sessions.RevokeAsync(user, handle) ? Results.NoContent() : Results.NotFound());
        app.MapPost("/revoke", async (HttpContext context) =>
        {
            await context.GetServerSession().RevokeAsync();
            return Results.NoContent();
        });
        app.MapGet("/relay-cookie", (HttpContext context) =>
        {
            context.Response.Headers.Append("Set-Cookie", "sessionapp.sid=relayed-from-another-service; path=/; httponly");
            return Results.NoContent();
        });
        app.MapGet("/stats", async (ISessionManager sessions) => Results.Ok(await sessions.GetStatsAsync()));
        app.MapPut("/gated/values/{key}", async (string key, string gate, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var value = await reader.ReadToEndAsync();
            await context.Session.LoadAsync();
            await RequestGates.PassAsync(gate);
            context.Session.SetString(key, value);
            return Results.NoContent();
        });
        MapCommitEndpoints(app);
    }

    /// <summary>Endpoints that commit explicitly, or after the client has gone, to exercise commits whose outcome is unknown.</summary>
    private static void MapCommitEndpoints(WebApplication app)
    {
        // Commits with a token cancelled before the call, then lets the automatic commit at the end save the change.
        app.MapPut("/cancelled-commit/values/{key}", async (string key, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            context.Session.SetString(key, await reader.ReadToEndAsync());
            try
            {
                await context.Session.CommitAsync(new CancellationToken(canceled: true));
            }
            catch (OperationCanceledException)
            {
                // The application gave up on its own commit; the change is still pending.
            }

            return Results.NoContent();
        });

        // Commits with a token cancelled 300 ms after the call, between two gates: the test freezes Redis at the
        // first and resumes it at the second, so the command it sent runs after the commit gave up on it.
        app.MapPut("/interrupted-commit/values/{key}", async (string key, string gate, string resume, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            context.Session.SetString(key, await reader.ReadToEndAsync());
            await RequestGates.PassAsync(gate);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                await context.Session.CommitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                // As above: the change is still pending.
            }

            await RequestGates.PassAsync(resume);
            return Results.NoContent();
        });

        // A compare-and-set the application gives up on (its token cancelled), then a gate at which the test changes
        // the key from another request; the automatic commit at the end must not write the value unconditionally.
        app.MapPut("/cancelled-cas/values/{key}", async (string key, long expected, string gate, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var value = Encoding.UTF8.GetBytes(await reader.ReadToEndAsync());
            try
            {
                await context.GetServerSession().TrySetAsync(key, value, expected, new CancellationToken(canceled: true));
            }
            catch (OperationCanceledException)
            {
                // The application gave up; whether the value is written is now up to its check alone.
            }

            await RequestGates.PassAsync(gate);
            return Results.NoContent();
        });

        // Changes the session (after the gate, when one is named) and then answers with a body written the way
        // {how} names, before the commit at the end of the pipeline; "streamed" starts the response first.
        app.MapPut("/written/{how}/values/{key}", async (string how, string key, string? gate, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var value = await reader.ReadToEndAsync();
            await context.Session.LoadAsync();
            if (how == "streamed")
            {
                await context.Response.WriteAsync("started;");
                await context.Response.Body.FlushAsync();
            }

            if (gate is not null)
            {
                await RequestGates.PassAsync(gate);
            }

            context.Session.SetString(key, value);
            await WrittenAnswers.WriteAsync(context.Response, how, $"handler-answer-{key}");
        });

        // Changes the session only once the client has gone away (after the gate), as a slow request whose tab closed.
        app.MapPut("/abandoned/values/{key}", async (string key, string gate, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var value = await reader.ReadToEndAsync();
            await RequestGates.PassAsync(gate);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(20));
            context.Session.SetString(key, value);
            return Results.NoContent();
        });
    }
}

/// <summary>
/// Holds a request between loading its session and changing it, so a test can run another request in between:
/// the request arrives at the gate, the test does its work and opens the gate.
/// </summary>
public static class RequestGates
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (TaskCompletionSource Arrived, TaskCompletionSource Open)> Gates = new();

    public static string NewGate() => Guid.NewGuid().ToString("N");

    /// <summary>Completes when a request has reached the gate.</summary>
    public static Task ArrivedAsync(string gate) => Get(gate).Arrived.Task;

    public static void Open(string gate) => Get(gate).Open.TrySetResult();

    /// <summary>Marks the gate as reached without waiting for it to open.</summary>
    internal static void Reach(string gate) => Get(gate).Arrived.TrySetResult();

    internal static Task PassAsync(string gate)
    {
        var (arrived, open) = Get(gate);
        arrived.TrySetResult();
        return open.Task;
    }

    private static (TaskCompletionSource Arrived, TaskCompletionSource Open) Get(string gate) =>
        Gates.GetOrAdd(gate, static _ => (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously)));
}
