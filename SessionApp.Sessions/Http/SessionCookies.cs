using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SessionApp.Sessions.Configuration;

namespace SessionApp.Sessions.Http;

/// <summary>Reads and writes the session cookie: HttpOnly, SameSite=Lax, Secure with the <c>__Host-</c> prefix.</summary>
internal static class SessionCookies
{
    public const string HostPrefix = "__Host-";

    // As the framework's cookie parser reads a Cookie header (RFC 6265 cookie-octet, RFC 9110 token).
    private static readonly SearchValues<char> ValueChars =
        SearchValues.Create("!#$%&'()*+-./0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly SearchValues<char> Separators = SearchValues.Create(" \t;");

    private static readonly SearchValues<char> WhiteSpace = SearchValues.Create(" \t");

    private static readonly bool CookieNameEncoding =
        AppContext.TryGetSwitch("Microsoft.AspNetCore.Http.EnableCookieNameEncoding", out var enabled) && enabled;

    public static bool IsSecure(HttpContext context, RedisSessionOptions options) => options.CookieSecurity switch
    {
        SessionCookieSecurity.Always => true,
        SessionCookieSecurity.SameAsRequest => context.Request.IsHttps,
        _ => context.Request.IsHttps || !IsLoopback(context.Connection.RemoteIpAddress),
    };

    public static string Name(bool secure, RedisSessionOptions options) =>
        secure ? HostPrefix + options.CookieName : options.CookieName;

    /// <summary>
    /// The value of the cookie <paramref name="name"/> as <c>Request.Cookies[name]</c> gives it, read straight from
    /// the Cookie header when that is plainly formed: <c>name=value</c> pairs split by <c>;</c> and white space,
    /// names matched ignoring case, the last non-empty value winning, as the framework's parser does. The request's
    /// cookie collection is then never built. Anything else — a comma, a quoted or escaped value, a pair that does
    /// not parse, a cookie feature set by someone else, cookie name encoding switched on — is left to
    /// <c>Request.Cookies</c>.
    /// </summary>
    public static string? Read(HttpContext context, string name)
    {
        if (CookieNameEncoding || context.Features.Get<IRequestCookiesFeature>() is not null)
        {
            return context.Request.Cookies[name];
        }

        var headers = context.Request.Headers.Cookie;
        string? found = null;
        foreach (var header in headers)
        {
            if (!TryScan(header, name, ref found))
            {
                return context.Request.Cookies[name];
            }
        }

        return found;
    }

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

    /// <summary>Finds <paramref name="name"/> in one Cookie header; false when the header is not plainly formed.</summary>
    private static bool TryScan(string? header, string name, ref string? found)
    {
        var text = header.AsSpan();
        var at = 0;
        while (true)
        {
            var start = text[at..].IndexOfAnyExcept(Separators);
            if (start < 0)
            {
                return true;
            }

            at += start;
            var nameLength = text[at..].IndexOfAnyExcept(TokenChars);
            if (nameLength <= 0 || text[at + nameLength] != '=')
            {
                return false;
            }

            var cookieName = text.Slice(at, nameLength);
            at += nameLength + 1;
            var valueLength = text[at..].IndexOfAnyExcept(ValueChars);
            valueLength = valueLength < 0 ? text.Length - at : valueLength;
            var value = text.Slice(at, valueLength);
            at += valueLength;
            var space = text[at..].IndexOfAnyExcept(WhiteSpace);
            at = space < 0 ? text.Length : at + space;
            if (at < text.Length && text[at] != ';')
            {
                // A quoted value, a comma (which the framework's parser reads its own way), or a character no
                // cookie value holds.
                return false;
            }

            if (value.Length > 0 && cookieName.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                if (value.Contains('%'))
                {
                    // The framework unescapes values.
                    return false;
                }

                found = value.SequenceEqual(found) ? found : new string(value);
            }
        }
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
