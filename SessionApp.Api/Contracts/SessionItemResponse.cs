using System.Text.Json;

namespace SessionApp.Api.Contracts;

/// <summary>GET /api/session/items/{key}: the key and its value, any JSON.</summary>
public sealed record SessionItemResponse(string Key, JsonElement Value);
