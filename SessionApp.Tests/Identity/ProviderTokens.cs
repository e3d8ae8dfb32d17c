using System.Buffers.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SessionApp.Tests.Identity;

/// <summary>Validates the provider's JWTs as a client or resource server would: against the keys its JWKS publishes.</summary>
public static class ProviderTokens
{
    /// <summary>
    /// Validates <paramref name="jwt"/> (signature from the JWKS, issuer, lifetime and, when given, audience) and
    /// returns its payload as JSON; fails the test when it is not valid.
    /// </summary>
    public static async Task<JsonElement> ValidateAsync(IdentityInstance provider, string jwt, string? audience)
    {
        using var client = provider.CreateBrowser();
        var jwks = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks", TestContext.Current.CancellationToken));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = provider.Address.ToString(),
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateAudience = audience is not null,
            ValidAudience = audience,
        });
        Assert.True(result.IsValid, $"the token is valid: {result.Exception?.Message}");
        return Payload(jwt);
    }

    /// <summary>The payload of <paramref name="jwt"/> as JSON, unvalidated.</summary>
    public static JsonElement Payload(string jwt) =>
        JsonSerializer.Deserialize<JsonElement>(Base64Url.DecodeFromChars(jwt.Split('.')[1]));
}
