namespace SessionApp.Api.Contracts;

/// <summary>POST /api/auth/login body. Both fields are required.</summary>
public sealed record LoginRequest(string? UserName, string? Password);
