using System.Net.Http.Json;
using System.Text.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Identity;

/// <summary>What the provider tells a client about itself.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class DiscoveryTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task Discovery_Get_AdvertisesTheEndpointsCodeFlowOnlyAndS256()
    {
        // Arrange
        var provider = fixture.Provider;
        using var client = provider.CreateBrowser();
        var issuer = provider.Address.ToString();

        // Act
        var document = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(issuer, document.GetProperty("issuer").GetString());
        Assert.Equal(issuer + "connect/authorize", document.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(issuer + "connect/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal(issuer + "connect/logout", document.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(issuer + "connect/revoke", document.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(issuer + "connect/userinfo", document.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(issuer + ".well-known/jwks", document.GetProperty("jwks_uri").GetString());
        Assert.Equal(["code"], Strings(document, "response_types_supported"));
        Assert.Equal(["S256"], Strings(document, "code_challenge_methods_supported"));
        Assert.Equal(["authorization_code", "refresh_token"], Strings(document, "grant_types_supported").Order());
        Assert.Contains("query", Strings(document, "response_modes_supported"));
        Assert.Equal(["email", "offline_access", "openid", "profile"], Strings(document, "scopes_supported").Order());
        Assert.Contains("groups", Strings(document, "claims_supported"));
    }

    [Fact]
    public async Task Discovery_IssuerPinned_AdvertisesThePinnedIssuerAndEndpointsWhereTheClientReachedThem()
    {
        // Arrange
        await using var provider = await IdentityProvider.StartAsync(new Dictionary<string, string?> { ["Identity:Issuer"] = "http://localhost:5380/" });
        using var client = provider.CreateBrowser();

        // Act
        var document = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("http://localhost:5380/", document.GetProperty("issuer").GetString());
        Assert.Equal(provider.Address + "connect/token", document.GetProperty("token_endpoint").GetString());
    }

    [Fact]
    public async Task Jwks_Get_PublishesRsaSigningKeys()
    {
        // Arrange
        using var client = fixture.Provider.CreateBrowser();

        // Act
        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks", TestContext.Current.CancellationToken);

        // Assert
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Equal("RSA", key.GetProperty("kty").GetString());
            Assert.Equal("sig", key.GetProperty("use").GetString());
            Assert.Equal("RS256", key.GetProperty("alg").GetString());
        });
    }

    private static IEnumerable<string?> Strings(JsonElement document, string name) =>
        document.GetProperty(name).EnumerateArray().Select(static value => value.GetString());
}
