using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
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

    public static bool IsSecure(HttpContext context, RedisSessionOptions options) => options.CookieSecurity switch
    {
        SessionCookieSecurity.Always => true,
        SessionCookieSecurity.SameAsRequest => context.Request.IsHttps,
        _ => context.Request.IsHttps || !IsLoopback(context.Connection.RemoteIpAddress),
    };

    public static string Name(bool secure, RedisSessionOptions options) =>
        secure ? HostPrefix + options.CookieName : options.CookieName;

    /// <summary>
    /// Reads the cookie named exactly <paramref name="name"/> (ordinal: a <c>__Host-</c> prefix is case-sensitive in
    /// browsers, so <c>__host-…</c> is another cookie, one a sibling site may have set) from the Cookie header; false
    /// when the header holds that name more than once with a value. <c>Request.Cookies</c> is not asked: it matches
    /// names ignoring case and keeps the last of two same-named cookies, and a browser orders same-named cookies by
    /// path and age, which a sibling site tossing its own cookie can choose, so neither the first nor the last is
    /// trustworthy. A plainly formed header (<c>name=value</c> pairs split by <c>;</c> and white space) is scanned
    /// without building the request's cookie collection; anything else (a comma, a quoted or escaped value, a pair that
    /// does not parse) is read with the framework's Cookie header parser, which splits and skips what it cannot read
    /// as <c>Request.Cookies</c> does. Empty values are no cookie, as there.
    /// </summary>
    public static bool TryRead(HttpContext context, string name, out string? value)
    {
        var headers = context.Request.Headers.Cookie;
        value = null;
        var count = 0;
        foreach (var header in headers)
        {
            if (!TryScan(header, name, ref value, ref count))
            {
                return TryParse(headers, name, out value);
            }
        }

        return count <= 1;
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

    /// <summary>
    /// Finds <paramref name="name"/> in one Cookie header, counting its occurrences; false when the header is not
    /// plainly formed.
    /// </summary>
    private static bool TryScan(string? header, string name, ref string? found, ref int count)
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

            if (value.Length > 0 && cookieName.Equals(name, StringComparison.Ordinal))
            {
                if (value.Contains('%'))
                {
                    // The framework unescapes values.
                    return false;
                }

                found = new string(value);
                count++;
            }
        }
    }

    /// <summary>Reads every cookie of the headers as the framework's parser does, and keeps those named exactly <paramref name="name"/>.</summary>
    private static bool TryParse(StringValues headers, string name, out string? value)
    {
        value = null;
        var count = 0;
        if (Microsoft.Net.Http.Headers.CookieHeaderValue.TryParseList([.. headers.Select(header => header ?? string.Empty)], out var cookies))
        {
            foreach (var cookie in cookies)
            {
                if (cookie.Value.Length > 0 && cookie.Name.Equals(name, StringComparison.Ordinal))
                {
                    value = Uri.UnescapeDataString(cookie.Value.ToString());
                    count++;
                }
            }
        }

        return count <= 1;
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
