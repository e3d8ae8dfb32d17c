namespace SessionApp.Api.Contracts;

/// <summary>The signed-in user, as login and /api/auth/me return it.</summary>
/// <param name="UserName">The name the user signs in with (the provider's <c>preferred_username</c>).</param>
/// <param name="DisplayName">The name to show.</param>
/// <param name="Roles">The user's roles (the provider's groups).</param>
/// <param name="Instance">The API instance that answered.</param>
/// <param name="UserId">The id the user's sessions are bound to: the provider's <c>sub</c>, or the user name for a password sign-in.</param>
public sealed record UserResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, string Instance, string UserId);
