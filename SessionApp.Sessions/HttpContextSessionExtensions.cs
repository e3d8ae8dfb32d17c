using Microsoft.AspNetCore.Http.Features;
using SessionApp.Sessions;

namespace Microsoft.AspNetCore.Http;

/// <summary>Reaches the engine's richer session API from a request.</summary>
public static class HttpContextSessionExtensions
{
    /// <summary>
    /// The current request's <see cref="IServerSession"/>; throws when <c>app.UseRedisSessions()</c> has not run
    /// for this request.
    /// </summary>
    public static IServerSession GetServerSession(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<ISessionFeature>() is RedisSession session
            ? session
            : throw new InvalidOperationException("No server session: add app.UseRedisSessions() to the pipeline before this point.");
    }
}
