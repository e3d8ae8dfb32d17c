using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SessionApp.ServiceDefaults.ForwardedHeaders;

namespace SessionApp.Web.Api;

/// <summary>
/// Makes an API call act for the browser whose request is being served: sends the browser's cookies (as updated
/// by earlier calls of the same request), its user agent and its address and scheme as forwarded headers (with the
/// deployment's proxy secret where one is set, without which the API ignores them), and
/// relays every cookie the API sets to the browser's response, marking that response uncacheable
/// (<c>Cache-Control: no-cache,no-store</c>, <c>Pragma: no-cache</c>) as the API marked its own.
/// </summary>
public sealed class ApiCookieHandler : DelegatingHandler
{
    private readonly IHttpContextAccessor _accessor;
    private readonly string? _proxySecret;

    public ApiCookieHandler(IHttpContextAccessor accessor, IOptions<TrustedProxyOptions> trustedProxies)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        ArgumentNullException.ThrowIfNull(trustedProxies);
        _accessor = accessor;
        _proxySecret = trustedProxies.Value.ProxySecret;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = _accessor.HttpContext;
        if (context is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var jar = ApiCookieJar.For(context);
        request.Headers.Remove(HeaderNames.Cookie);
        if (jar.ToHeader() is { } cookies)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.Cookie, cookies);
        }

        ForwardClient(context, request, _proxySecret);

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues(HeaderNames.SetCookie, out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                jar.Apply(setCookie);
                if (!context.Response.HasStarted)
                {
                    context.Response.Headers.Append(HeaderNames.SetCookie, setCookie);

                    // As the API marks its own answer: a shared cache must never hand this response, and with it
                    // one browser's session id, to another.
                    context.Response.Headers.CacheControl = "no-cache,no-store";
                    context.Response.Headers.Pragma = "no-cache";
                }
            }
        }

        return response;
    }

    private static void ForwardClient(HttpContext context, HttpRequestMessage request, string? proxySecret)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        if (userAgent.Length > 0)
        {
            request.Headers.Remove(HeaderNames.UserAgent);
            request.Headers.TryAddWithoutValidation(HeaderNames.UserAgent, userAgent);
        }

        request.Headers.Remove("X-Forwarded-For");
        request.Headers.Remove("X-Forwarded-Proto");
        if (context.Connection.RemoteIpAddress is { } address)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
        }

        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", context.Request.Scheme);
        request.Headers.Remove(TrustedProxyOptions.ProxySecretHeader);
        if (proxySecret is not null)
        {
            request.Headers.TryAddWithoutValidation(TrustedProxyOptions.ProxySecretHeader, proxySecret);
        }
    }
}
