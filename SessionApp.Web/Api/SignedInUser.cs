namespace SessionApp.Web.Api;

/// <summary>The signed-in user, from <c>POST /api/auth/login</c> and <c>GET /api/auth/me</c>.</summary>
public sealed record SignedInUser(string UserName, string? DisplayName, IReadOnlyList<string>? Roles, string? Instance);
