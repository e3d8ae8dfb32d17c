namespace SessionApp.Api.Users;

/// <summary>A user the API can sign in: the name, what to show, the roles and only a hash of the password.</summary>
public sealed record ApiUser(string UserName, string DisplayName, IReadOnlyList<string> Roles, string PasswordHash);
