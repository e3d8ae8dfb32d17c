using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>
/// The provider's tokens of one signed-in session, kept as a value of that session (server-side, encrypted at rest
/// with the session's values): never in a cookie, never sent to the browser. A versioned value, so a refresh is
/// claimed with compare-and-set and happens once across every instance even when requests race.
/// </summary>
/// <param name="AccessToken">The access token.</param>
/// <param name="RefreshToken">The refresh token, when the provider issued one.</param>
/// <param name="IdToken">The id token: the hint for ending the provider's session.</param>
/// <param name="ExpiresAt">When the access token expires.</param>
/// <param name="RefreshClaimedUntil">While set and in the future, one request is refreshing these tokens; the others leave it.</param>
public sealed record ProviderTokens(
    string AccessToken,
    string? RefreshToken,
    string? IdToken,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RefreshClaimedUntil = null)
{
    /// <summary>The session value the tokens are kept under.</summary>
    public const string SessionKey = "sessionapp.oidc";

    /// <summary>The tokens as stored.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, ProviderTokensJson.Default.ProviderTokens);

    /// <summary>Tokens as stored, or null for bytes that are not.</summary>
    public static ProviderTokens? FromBytes(byte[]? bytes)
    {
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, ProviderTokensJson.Default.ProviderTokens);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The current session's tokens and their version (0 when it has none).</summary>
    public static (ProviderTokens? Tokens, long Version) Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = context.GetServerSession();
        return session.TryGetValue(SessionKey, out var bytes) ? (FromBytes(bytes), session.GetVersion(SessionKey)) : (null, 0);
    }
}

/// <summary>System.Text.Json's metadata for <see cref="ProviderTokens"/>.</summary>
[JsonSerializable(typeof(ProviderTokens))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class ProviderTokensJson : JsonSerializerContext;
