using Microsoft.AspNetCore.Http;

namespace SessionApp.ServiceDefaults.Instance;

/// <summary>Adds the <c>X-Instance</c> response header naming the instance that answered.</summary>
internal sealed class InstanceHeaderMiddleware
{
    public const string HeaderName = "X-Instance";

    private readonly RequestDelegate _next;
    private readonly InstanceInfo _instance;

    public InstanceHeaderMiddleware(RequestDelegate next, InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(instance);
        _next = next;
        _instance = instance;
    }

    public Task Invoke(HttpContext context)
    {
        // Set when the response starts, so error responses whose headers were cleared still name the instance; a
        // proxy (the gateway) keeps the header of the replica whose response it forwards.
        context.Response.OnStarting(SetHeader, (context, _instance));
        return _next(context);
    }

    private static Task SetHeader(object state)
    {
        var (context, instance) = ((HttpContext, InstanceInfo))state;
        context.Response.Headers.TryAdd(HeaderName, instance.Name);
        return Task.CompletedTask;
    }
}
