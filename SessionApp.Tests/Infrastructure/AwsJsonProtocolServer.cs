using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// The wire protocol of an AWS service that speaks AWS JSON 1.1 (SSM, KMS), on real Kestrel at a free loopback port:
/// <c>POST /</c> with <c>X-Amz-Target: {prefix}.{Operation}</c>, JSON in and out
/// (<c>application/x-amz-json-1.1</c>), errors as HTTP 400 with <c>{"__type": …, "message": …}</c>. The real AWS
/// SDK client talks to it through <c>ServiceURL</c>. Every request and every error answered is recorded.
/// </summary>
public abstract class AwsJsonProtocolServer : IAsyncDisposable
{
    private readonly string _targetPrefix;
    private readonly ConcurrentQueue<(string Operation, JsonObject Body)> _requests = new();
    private readonly ConcurrentQueue<(string Operation, string Error)> _errors = new();
    private WebApplication? _app;

    /// <param name="targetPrefix">The service's target prefix, e.g. <c>AmazonSSM</c> or <c>TrentService</c>.</param>
    protected AwsJsonProtocolServer(string targetPrefix) => _targetPrefix = targetPrefix + ".";

    /// <summary>The endpoint to give the SDK as its <c>ServiceURL</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Every request, in order: its operation (the target without the prefix) and JSON body.</summary>
    public IReadOnlyList<(string Operation, JsonObject Body)> Requests => [.. _requests];

    /// <summary>Every error answered, in order: the operation and the error's <c>__type</c>.</summary>
    public IReadOnlyList<(string Operation, string Error)> Errors => [.. _errors];

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts listening; the derived type's <c>StartAsync</c> calls this once.</summary>
    protected async Task ListenAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/", HandleAsync);
        await _app.StartAsync();
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Answers one operation: the HTTP status and the JSON reply (<see cref="Error"/> for errors).</summary>
    protected abstract (int Status, JsonObject Reply) Handle(string operation, JsonObject body);

    protected static (int, JsonObject) Error(string type, string message) =>
        (400, new JsonObject { ["__type"] = type, ["message"] = message });

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var body = (await JsonNode.ParseAsync(context.Request.Body))?.AsObject() ?? [];
        var operation = target.StartsWith(_targetPrefix, StringComparison.Ordinal) ? target[_targetPrefix.Length..] : target;
        _requests.Enqueue((operation, body));
        var (status, reply) = Handle(operation, body);
        if (status != 200)
        {
            _errors.Enqueue((operation, (string)reply["__type"]!));
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(reply.ToJsonString());
    }
}
