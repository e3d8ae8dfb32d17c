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
