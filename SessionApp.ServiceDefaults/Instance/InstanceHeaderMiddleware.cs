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
        context.Response.Headers[HeaderName] = _instance.Name;
        return _next(context);
    }
}
