using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionApp.ServiceDefaults.SignIn;

namespace SessionApp.Tests.SignIn;

/// <summary>
/// The provider client in Cognito's mode, against a loopback server answering as Cognito's documentation describes
/// its endpoints: the issuer's discovery document names the user pool domain's <c>/oauth2/token</c>; revocation is the
/// domain's <c>/oauth2/revoke</c> with the client's Basic credentials; sign-out is the domain's <c>/logout</c> with
/// <c>client_id</c> and <c>logout_uri</c>; a refresh answers no new refresh token.
/// </summary>
public sealed class CognitoProviderClientTests : IAsyncLifetime
{
    private const string ClientId = "4tq0example0client0id0abcd";
    private const string ClientSecret = "cognito+secret/with=symbols";

    private readonly ConcurrentQueue<(string Path, string? Authorization, Dictionary<string, string> Form)> _requests = new();
    private WebApplication? _cognito;
    private Uri _address = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _cognito = builder.Build();
        _cognito.MapGet("/eu-west-1_Example/.well-known/openid-configuration", (HttpContext context) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = $"{Base(context)}/eu-west-1_Example",
            ["authorization_endpoint"] = $"{Base(context)}/oauth2/authorize",
            ["token_endpoint"] = $"{Base(context)}/oauth2/token",
            ["jwks_uri"] = $"{Base(context)}/eu-west-1_Example/.well-known/jwks.json",
            ["response_types_supported"] = new[] { "code", "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _cognito.MapGet("/eu-west-1_Example/.well-known/jwks.json", () => Results.Json(new { keys = Array.Empty<object>() }));
        _cognito.MapPost("/oauth2/token", async (HttpContext context) =>
        {
            Record(context, await context.Request.ReadFormAsync(Token));
            return Results.Json(new { access_token = "new-access", id_token = "new-id", token_type = "Bearer", expires_in = 900 });
        });
        _cognito.MapPost("/oauth2/revoke", async (HttpContext context) =>
        {
            Record(context, await context.Request.ReadFormAsync(Token));
            return Results.Ok();
        });
        await _cognito.StartAsync(Token);
        _address = new Uri(_cognito.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_cognito is not null)
        {
            await _cognito.DisposeAsync();
        }
    }

    [Fact]
    public async Task EndSessionUri_Cognito_IsTheDomainsLogoutWithClientIdAndLogoutUriOnly()
    {
        // Arrange
        var client = Client();

        // Act
        var uri = await client.EndSessionUriAsync("an-id-token", new Uri("https://shop.example.com/signout-callback-oidc"), Token);

        // Assert
        Assert.Equal(
            new Uri(_address, $"/logout?client_id={ClientId}&logout_uri=https%3A%2F%2Fshop.example.com%2Fsignout-callback-oidc"),
            uri);
        Assert.DoesNotContain("post_logout_redirect_uri", uri!.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("an-id-token", uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_Cognito_PostsTheTokenToTheDomainsRevokeEndpointWithBasicCredentials()
    {
        // Arrange
        var client = Client();

        // Act
        var revoked = await client.RevokeAsync("the-refresh-token", Token);

        // Assert
        Assert.True(revoked);
        var (path, authorization, form) = Assert.Single(_requests);
        Assert.Equal("/oauth2/revoke", path);
        Assert.Equal("the-refresh-token", form["token"]);
        Assert.Equal(ExpectedBasic(), authorization);
    }

    [Fact]
    public async Task Refresh_CognitoAnswersNoNewRefreshToken_KeepsTheOneItHad()
    {
        // Arrange
        var client = Client();
        var tokens = new ProviderTokens("old-access", "the-refresh-token", "old-id", DateTimeOffset.UtcNow);

        // Act
        var result = await client.RefreshAsync(tokens, Token);

        // Assert
        Assert.Equal(ProviderRefreshOutcome.Refreshed, result.Outcome);
        Assert.Equal(("new-access", "the-refresh-token", "new-id"), (result.Tokens!.AccessToken, result.Tokens.RefreshToken, result.Tokens.IdToken));
        Assert.InRange(result.Tokens.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var (path, authorization, form) = Assert.Single(_requests);
        Assert.Equal("/oauth2/token", path);
        Assert.Equal(("refresh_token", "the-refresh-token"), (form["grant_type"], form["refresh_token"]));
        Assert.Equal(ExpectedBasic(), authorization);
    }

    /// <summary>RFC 6749 2.3.1: id and secret form-encoded, joined by a colon, base64-encoded.</summary>
    private static string ExpectedBasic() =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:cognito%2Bsecret%2Fwith%3Dsymbols"));

    private static string Base(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private void Record(HttpContext context, IFormCollection form) =>
        _requests.Enqueue((context.Request.Path, context.Request.Headers.Authorization.ToString(), form.ToDictionary(static f => f.Key, static f => f.Value.ToString())));

    private ProviderClient Client()
    {
        var services = new ServiceCollection();
        services.AddHttpClient(ProviderClient.HttpClientName);
        var options = Options.Create(new OidcSignInOptions
        {
            Authority = new Uri(_address, "/eu-west-1_Example"),
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            Provider = OidcProviderKind.Cognito,
            CognitoDomain = _address,
            RoleClaim = "cognito:groups",
            RequireHttpsMetadata = false,
        });
        return new ProviderClient(options, services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), TimeProvider.System);
    }
}
