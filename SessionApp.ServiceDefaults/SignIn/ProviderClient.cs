using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>
/// Talks to the OpenID Connect provider outside the sign-in redirect: refreshes tokens, revokes refresh tokens
/// (RFC 7009; Cognito's <c>/oauth2/revoke</c>) and builds the address that ends the provider's own session
/// (RP-initiated logout; Cognito's <c>/logout</c>). The client authenticates with HTTP Basic, as RFC 6749 requires
/// every provider to accept. Endpoints come from the provider's discovery document, cached.
/// </summary>
public sealed class ProviderClient
{
    /// <summary>The named <see cref="HttpClient"/> that reaches the provider.</summary>
    public const string HttpClientName = "sessionapp-oidc-provider";

    private readonly OidcSignInOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly Lazy<ConfigurationManager<OpenIdConnectConfiguration>> _discovery;

    public ProviderClient(IOptions<OidcSignInOptions> options, IHttpClientFactory http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _http = http;
        _time = time;
        _discovery = new Lazy<ConfigurationManager<OpenIdConnectConfiguration>>(() => new ConfigurationManager<OpenIdConnectConfiguration>(
            DiscoveryAddress(_options.Authority!),
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(_http.CreateClient(HttpClientName)) { RequireHttps = _options.RequireHttpsMetadata }));
    }

    /// <summary>The discovery document of an issuer: its path with <c>/.well-known/openid-configuration</c> appended (Cognito's issuer has a path).</summary>
    public static string DiscoveryAddress(Uri authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return authority.ToString().TrimEnd('/') + "/.well-known/openid-configuration";
    }

    /// <summary>Tokens from a token endpoint's answer, the refresh token kept when the answer brings none.</summary>
    public static ProviderTokens FromTokenResponse(JsonElement response, DateTimeOffset now, string? previousRefreshToken, string? previousIdToken)
    {
        var expiresIn = response.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var value) ? value : 3600;
        return new ProviderTokens(
            response.GetProperty("access_token").GetString()!,
            response.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : previousRefreshToken,
            response.TryGetProperty("id_token", out var id) ? id.GetString() : previousIdToken,
            now.AddSeconds(expiresIn));
    }

    /// <summary>Redeems <paramref name="tokens"/>' refresh token for new tokens.</summary>
    public async Task<ProviderRefresh> RefreshAsync(ProviderTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.RefreshToken is null)
        {
            return new ProviderRefresh(ProviderRefreshOutcome.Refused, Error: "no refresh token");
        }

        try
        {
            var configuration = await _discovery.Value.GetConfigurationAsync(cancellationToken);
            using var request = Post(configuration.TokenEndpoint, new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = tokens.RefreshToken,
            });
            using var response = await _http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (response.IsSuccessStatusCode)
            {
                return new ProviderRefresh(ProviderRefreshOutcome.Refreshed, FromTokenResponse(body.RootElement, _time.GetUtcNow(), tokens.RefreshToken, tokens.IdToken));
            }

            var error = body.RootElement.TryGetProperty("error", out var code) ? code.GetString() : null;
            return response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized && error is "invalid_grant"
                ? new ProviderRefresh(ProviderRefreshOutcome.Refused, Error: error)
                : new ProviderRefresh(ProviderRefreshOutcome.Unavailable, Error: error ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ProviderRefresh(ProviderRefreshOutcome.Unavailable, Error: ex.GetType().Name);
        }
    }

    /// <summary>Revokes a refresh token at the provider; true when the provider confirmed (RFC 7009 answers 200 for an unknown token too).</summary>
    public async Task<bool> RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        try
        {
            var endpoint = _options.Provider == OidcProviderKind.Cognito
                ? new Uri(_options.CognitoDomain!, "/oauth2/revoke").ToString()
                : (await _discovery.Value.GetConfigurationAsync(cancellationToken)).RevocationEndpoint;
            if (string.IsNullOrEmpty(endpoint))
            {
                return false;
            }

            using var request = Post(endpoint, new Dictionary<string, string> { ["token"] = refreshToken, ["token_type_hint"] = "refresh_token" });
            using var response = await _http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Where to send the browser so the provider ends its own session and comes back to <paramref name="returnTo"/>
    /// (registered with the provider as a sign-out URL); null when the provider has no such endpoint.
    /// </summary>
    public async Task<Uri?> EndSessionUriAsync(string? idToken, Uri returnTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(returnTo);
        if (_options.Provider == OidcProviderKind.Cognito)
        {
            // Cognito's logout takes client_id and logout_uri, not the standard post_logout_redirect_uri.
            return WithQuery(new Uri(_options.CognitoDomain!, "/logout"), ("client_id", _options.ClientId!), ("logout_uri", returnTo.ToString()));
        }

        try
        {
            var endpoint = (await _discovery.Value.GetConfigurationAsync(cancellationToken)).EndSessionEndpoint;
            return string.IsNullOrEmpty(endpoint)
                ? null
                : WithQuery(new Uri(endpoint), ("client_id", _options.ClientId!), ("id_token_hint", idToken), ("post_logout_redirect_uri", returnTo.ToString()));
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            return null;
        }
    }

    private HttpRequestMessage Post(string endpoint, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };

        // RFC 6749 2.3.1: the id and the secret are form-encoded before they are joined and base64-encoded.
        var credentials = Uri.EscapeDataString(_options.ClientId!) + ":" + Uri.EscapeDataString(_options.ClientSecret!);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return request;
    }

    private static Uri WithQuery(Uri endpoint, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(static p => p.Value is not null).Select(static p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value!)));
        var builder = new UriBuilder(endpoint);
        builder.Query = string.IsNullOrEmpty(builder.Query) ? query : builder.Query.TrimStart('?') + "&" + query;
        return builder.Uri;
    }
}
