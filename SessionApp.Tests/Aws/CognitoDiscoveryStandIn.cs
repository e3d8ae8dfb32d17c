using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Aws;

/// <summary>
/// What the services read of a Cognito user pool before anyone signs in: its issuer's OpenID Connect discovery document
/// and signing keys, shaped as Cognito's (<c>/{poolId}/.well-known/openid-configuration</c>, whose endpoints lie on the
/// user pool's domain, and <c>/{poolId}/.well-known/jwks.json</c>), over HTTPS on a free loopback port with a certificate
/// for 127.0.0.1 from the MemoryDB-like test CA (a process trusts it through <c>SSL_CERT_FILE</c>). Records each path asked for.
/// </summary>
internal sealed class CognitoDiscoveryStandIn : IAsyncDisposable
{
    public const string UserPoolId = "us-east-1_Rehearsal1";

    private readonly ConcurrentQueue<string> _requests = new();
    private readonly WebApplication _app;

    private CognitoDiscoveryStandIn(WebApplication app, Uri authority)
    {
        _app = app;
        Authority = authority;
    }

    /// <summary>The issuer, as <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c> would be: <c>https://127.0.0.1:{port}/{poolId}</c>.</summary>
    public Uri Authority { get; }

    /// <summary>The CA file a process trusts the stand-in through (<c>SSL_CERT_FILE</c>).</summary>
    public static string CaCertificatePath => MemoryDbLikeTls.Certificates.CaCertificatePath;

    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Starts the stand-in for a user pool whose domain is <paramref name="domain"/> (its endpoints are never called).</summary>
    public static async Task<CognitoDiscoveryStandIn> StartAsync(Uri domain)
    {
        var port = FreePort.Next();
        var certificates = MemoryDbLikeTls.Certificates;
        using var pem = X509Certificate2.CreateFromPemFile(certificates.ServerCertificatePath, certificates.ServerKeyPath);
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port, listen =>
            listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate })));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var authority = new Uri($"https://127.0.0.1:{port}/{UserPoolId}");
        var standIn = new CognitoDiscoveryStandIn(app, authority);
        using var rsa = RSA.Create(2048);
        var key = rsa.ExportParameters(includePrivateParameters: false);
        var keys = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["alg"] = "RS256",
                ["use"] = "sig",
                ["kid"] = "rehearsal",
                ["n"] = Base64Url(key.Modulus!),
                ["e"] = Base64Url(key.Exponent!),
            }),
        };
        var site = domain.ToString().TrimEnd('/');
        var document = new JsonObject
        {
            ["issuer"] = authority.ToString(),
            ["authorization_endpoint"] = $"{site}/oauth2/authorize",
            ["token_endpoint"] = $"{site}/oauth2/token",
            ["userinfo_endpoint"] = $"{site}/oauth2/userInfo",
            ["end_session_endpoint"] = $"{site}/logout",
            ["revocation_endpoint"] = $"{site}/oauth2/revoke",
            ["jwks_uri"] = $"{authority}/.well-known/jwks.json",
            ["response_types_supported"] = new JsonArray("code", "token"),
            ["scopes_supported"] = new JsonArray("openid", "email", "phone", "profile"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
        };
        app.Use((context, next) =>
        {
            standIn._requests.Enqueue(context.Request.Path);
            return next(context);
        });
        app.MapGet($"/{UserPoolId}/.well-known/openid-configuration", () => Results.Text(document.ToJsonString(), "application/json"));
        app.MapGet($"/{UserPoolId}/.well-known/jwks.json", () => Results.Text(keys.ToJsonString(), "application/json"));
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
