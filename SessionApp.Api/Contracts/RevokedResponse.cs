namespace SessionApp.Api.Contracts;

/// <summary>How many sessions a revocation ended.</summary>
public sealed record RevokedResponse(int Revoked);
