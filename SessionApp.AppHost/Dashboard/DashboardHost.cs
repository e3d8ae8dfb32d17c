using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionApp.AppHost.Orchestration;

namespace SessionApp.AppHost.Dashboard;

/// <summary>
/// The resources view on its own loopback port: an HTML page that polls <c>GET /api/resources</c> and posts
/// <c>stop</c>, <c>start</c> and <c>restart</c> for one replica. Commands need the page's own header and,
/// when the browser sends one, a same-origin <c>Origin</c>, so another site cannot post them.
/// </summary>
internal sealed class DashboardHost(Orchestrator orchestrator, int port) : IAsyncDisposable
{
    public const string CommandHeader = "X-AppHost-Command";
    private WebApplication? _app;

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/api/resources", () => TypedResults.Ok(orchestrator.AllReplicas.Select(r => r.Snapshot())));
        app.MapPost("/api/resources/{resource}/{index:int}/{command}", RunCommandAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new AppHostException($"resources view: port {port} on 127.0.0.1 is already in use ({ex.Message}).", ex);
        }

        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }
    }

    private async Task<IResult> RunCommandAsync(HttpContext context, string resource, int index, string command)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (!context.Request.Headers.ContainsKey(CommandHeader) || (origin.Length > 0 && origin != $"{context.Request.Scheme}://{context.Request.Host}"))
        {
            return TypedResults.Problem($"Commands must come from the resources view itself (same origin, header {CommandHeader}).", statusCode: StatusCodes.Status403Forbidden);
        }

        Replica replica;
        try
        {
            replica = orchestrator.ReplicasOf(resource).ElementAtOrDefault(index)
                ?? throw new ArgumentException($"Resource '{resource}' has no replica {index}.");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound);
        }

        switch (command)
        {
            case "stop":
                await replica.StopAsync();
                break;
            case "start":
                await replica.StartAsync();
                break;
            case "restart":
                await replica.RestartAsync();
                break;
            default:
                return TypedResults.Problem($"Unknown command '{command}'; use stop, start or restart.", statusCode: StatusCodes.Status400BadRequest);
        }

        orchestrator.Output.Info($"{replica.Name}: {command} requested from the resources view");
        return TypedResults.Ok(replica.Snapshot());
    }
}
