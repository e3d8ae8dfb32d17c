using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SessionApp.Sessions.Http;

/// <summary>Puts the engine's session behind <c>HttpContext.Session</c> and <see cref="IServerSession"/>.</summary>
internal sealed class ServerSessionFeature(RedisSession session) : ISessionFeature
{
    public RedisSession ServerSession { get; } = session;

    public ISession Session
    {
        get => ServerSession;
        set => throw new NotSupportedException("The Redis session engine owns HttpContext.Session; it cannot be replaced.");
    }
}
