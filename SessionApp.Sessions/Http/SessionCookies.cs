using System.Net;
using Microsoft.AspNetCore.Http;
using SessionApp.Sessions.Configuration;

namespace SessionApp.Sessions.Http;

/// <summary>Reads and writes the session cookie: HttpOnly, SameSite=Lax, Secure with the <c>__Host-</c> prefix.</summary>
internal static class SessionCookies
{
    public const string HostPrefix = "__Host-";

    public static bool IsSecure(HttpContext context, RedisSessionOptions options) => options.CookieSecurity switch
    {
        SessionCookieSecurity.Always => true,
        SessionCookieSecurity.SameAsRequest => context.Request.IsHttps,
        _ => context.Request.IsHttps || !IsLoopback(context.Connection.RemoteIpAddress),
    };

    public static string Name(bool secure, RedisSessionOptions options) =>
        secure ? HostPrefix + options.CookieName : options.CookieName;

    public static void Issue(HttpContext context, string name, bool secure, string id) =>
        context.Response.Cookies.Append(name, id, Options(secure));

    public static void Delete(HttpContext context, string name, bool secure) =>
        context.Response.Cookies.Delete(name, Options(secure));

    /// <summary>
    /// Whether the response already sets the cookie, for instance one relayed from a call to another service
    /// that rotated the session; a deletion appended after it would undo it.
    /// </summary>
    public static bool IsBeingSet(HttpContext context, string name)
    {
        foreach (var header in context.Response.Headers.SetCookie)
        {
            if (header is not null && header.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static CookieOptions Options(bool secure) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = secure,
        Path = "/",
        IsEssential = true,
    };

    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
