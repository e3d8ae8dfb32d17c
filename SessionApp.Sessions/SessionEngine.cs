using Microsoft.Extensions.Logging;
using SessionApp.Sessions.Protection;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Users;

namespace SessionApp.Sessions;

/// <summary>The singletons a request's session works with, bundled so a session takes one dependency.</summary>
internal sealed class SessionEngine(RedisSessionStore store, SessionUserIndex users, SessionValueCodec codec, ILogger<SessionEngine> logger)
{
    public RedisSessionStore Store { get; } = store;

    public SessionUserIndex Users { get; } = users;

    public SessionValueCodec Codec { get; } = codec;

    public ILogger Logger { get; } = logger;
}
