namespace SessionApp.Web.Api;

/// <summary>The answer of <c>POST /api/sessions/revoke-others</c>.</summary>
public sealed record RevokeOthersResult(int Revoked);
