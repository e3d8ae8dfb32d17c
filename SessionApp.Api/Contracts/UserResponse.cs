namespace SessionApp.Api.Contracts;

/// <summary>The signed-in user, as login and /api/auth/me return it.</summary>
public sealed record UserResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, string Instance);
