namespace SessionApp.Sessions;

/// <summary>Who is asking: recorded on a session when it begins and when it is bound to a user.</summary>
internal readonly record struct ClientInfo(string? IpAddress, string? UserAgent)
{
    private const int MaxUserAgentLength = 512;

    public static ClientInfo From(Microsoft.AspNetCore.Http.HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new ClientInfo(
            context.Connection.RemoteIpAddress?.ToString(),
            userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent);
    }
}
