namespace SessionApp.Web.Api;

/// <summary>The body of <c>POST /api/auth/login</c>.</summary>
public sealed record LoginRequest(string UserName, string Password);
