namespace SessionApp.Identity.Users;

/// <summary>A user who can sign in at the provider, as the tokens describe them; the password hash stays in <see cref="UserDirectory"/>.</summary>
/// <param name="Subject">The <c>sub</c> claim: <see cref="SubjectIdentifier.For(string)"/> of the user name.</param>
/// <param name="UserName">The sign-in name and <c>preferred_username</c> claim.</param>
/// <param name="DisplayName">The <c>name</c> claim.</param>
/// <param name="Email">The <c>email</c> claim.</param>
/// <param name="Groups">The <c>groups</c> claim.</param>
public sealed record ProviderUser(string Subject, string UserName, string DisplayName, string Email, IReadOnlyList<string> Groups);
