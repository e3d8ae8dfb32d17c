using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SessionApp.ServiceDefaults.ForwardedHeaders;

/// <summary>
/// Applies <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from a trusted proxy only: ASP.NET Core's
/// <see cref="ForwardedHeadersMiddleware"/> checks the peer against the known networks and proxies, and when
/// <see cref="TrustedProxyOptions.ProxySecret"/> is set this one first requires the request to carry it. The
/// secret header is removed from every request, so nothing later reads, logs or forwards it. With no network or
/// proxy configured it trusts nobody (ASP.NET Core's middleware, given two empty lists, would trust everyone).
/// </summary>
internal sealed class TrustedProxyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ForwardedHeadersMiddleware? _forwarded;
    private readonly byte[]? _secret;

    public TrustedProxyMiddleware(
        RequestDelegate next,
        ILoggerFactory loggerFactory,
        IOptions<ForwardedHeadersOptions> forwardedOptions,
        IOptions<TrustedProxyOptions> trustedOptions)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(forwardedOptions);
        ArgumentNullException.ThrowIfNull(trustedOptions);
        _next = next;
        var trusted = trustedOptions.Value;
        _forwarded = trusted.KnownNetworks.Count + trusted.KnownProxies.Count == 0
            ? null
            : new ForwardedHeadersMiddleware(next, loggerFactory, forwardedOptions);
        _secret = trustedOptions.Value.ProxySecret is { } secret ? Encoding.ASCII.GetBytes(secret) : null;
    }

    public Task Invoke(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (_forwarded is null || _secret is null)
        {
            headers.Remove(TrustedProxyOptions.ProxySecretHeader);
            return _forwarded is null ? _next(context) : _forwarded.Invoke(context);
        }

        var presented = headers[TrustedProxyOptions.ProxySecretHeader];
        headers.Remove(TrustedProxyOptions.ProxySecretHeader);
        return presented.Count == 1 && Matches(presented[0]) ? _forwarded.Invoke(context) : _next(context);
    }

    private bool Matches(string? presented)
    {
        if (presented is null || presented.Length != _secret!.Length || !Ascii.IsValid(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), _secret);
    }
}
