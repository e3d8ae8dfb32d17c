namespace SessionApp.Web.Api;

/// <summary>
/// The cookies API calls carry during one browser request: the browser's own, updated by every cookie an API
/// answer sets or deletes, so that a later call in the same request sees what an earlier one changed (a session
/// the API just created, a session it rotated at sign-in).
/// </summary>
internal sealed class ApiCookieJar
{
    private static readonly object ItemKey = new();
    private readonly List<KeyValuePair<string, string>> _cookies = [];

    private ApiCookieJar(IEnumerable<string?> cookieHeaders)
    {
        // The raw name=value pairs, exactly as the browser sent them (no decoding and re-encoding on the way).
        foreach (var header in cookieHeaders)
        {
            foreach (var pair in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    _cookies.Add(new(pair[..equals], pair[(equals + 1)..]));
                }
            }
        }
    }

    /// <summary>The jar of the request, made from its Cookie header on first use.</summary>
    public static ApiCookieJar For(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var existing) && existing is ApiCookieJar jar)
        {
            return jar;
        }

        jar = new ApiCookieJar(context.Request.Headers.Cookie);
        context.Items[ItemKey] = jar;
        return jar;
    }

    /// <summary>The value of a Cookie request header, or null when there are no cookies.</summary>
    public string? ToHeader() =>
        _cookies.Count == 0 ? null : string.Join("; ", _cookies.Select(cookie => cookie.Key + "=" + cookie.Value));

    /// <summary>Applies one Set-Cookie response header: sets the cookie, or removes it when it is being deleted.</summary>
    public void Apply(string setCookie)
    {
        if (!Microsoft.Net.Http.Headers.SetCookieHeaderValue.TryParse(setCookie, out var parsed) || parsed.Name.Length == 0)
        {
            return;
        }

        var name = parsed.Name.ToString();
        _cookies.RemoveAll(cookie => cookie.Key == name);
        var deleted = parsed.Value.Length == 0
            || parsed.MaxAge is { } maxAge && maxAge <= TimeSpan.Zero
            || parsed.Expires is { } expires && expires <= DateTimeOffset.UtcNow;
        if (!deleted)
        {
            _cookies.Add(new(name, parsed.Value.ToString()));
        }
    }
}
