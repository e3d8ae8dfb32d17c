using Microsoft.AspNetCore.Http;

namespace SessionApp.Sessions;

/// <summary>
/// Who is asking: recorded on a session when it is bound to a user, for the list of that user's devices. Read
/// from the request only then, not on every request. A struct: a request that never binds allocates nothing for it.
/// </summary>
internal readonly struct ClientInfo(HttpContext context)
{
    private const int MaxUserAgentLength = 512;

    public string? IpAddress => context.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent
    {
        get
        {
            var userAgent = context.Request.Headers.UserAgent.ToString();
            return userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent;
        }
    }
}
