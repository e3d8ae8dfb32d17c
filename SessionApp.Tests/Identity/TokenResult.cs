using System.Net;
using System.Text.Json;

namespace SessionApp.Tests.Identity;

/// <summary>A token endpoint's answer: its status and JSON body.</summary>
public sealed record TokenResult(HttpStatusCode Status, JsonElement Body)
{
    public string? AccessToken => Text("access_token");

    public string? IdToken => Text("id_token");

    public string? RefreshToken => Text("refresh_token");

    public string? Error => Text("error");

    public long? ExpiresIn => Body.TryGetProperty("expires_in", out var value) ? value.GetInt64() : null;

    private string? Text(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) ? value.GetString() : null;
}
