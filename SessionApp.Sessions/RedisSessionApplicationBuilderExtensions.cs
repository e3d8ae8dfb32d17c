using SessionApp.Sessions.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the Redis session engine to the request pipeline.</summary>
public static class RedisSessionApplicationBuilderExtensions
{
    /// <summary>
    /// Loads each request's session from Redis and commits its changes: the drop-in for <c>UseSession()</c>.
    /// Put it before <c>UseAuthentication()</c> when the ticket store is used.
    /// </summary>
    public static IApplicationBuilder UseRedisSessions(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<RedisSessionMiddleware>();
    }
}
