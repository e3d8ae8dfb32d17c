using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SessionApp.Identity.Configuration;

namespace SessionApp.Identity.Users;

/// <summary>
/// The configured users, their passwords hashed with <see cref="PasswordHasher{TUser}"/> (PBKDF2) when the directory
/// is built at start-up and then cleared from the options. A check compares hashes in fixed time and takes as long
/// for an unknown name as for a wrong password, so neither the answer nor its timing says which names exist.
/// </summary>
public sealed class UserDirectory
{
    private static readonly ProviderUser Unknown = new(string.Empty, string.Empty, string.Empty, string.Empty, []);
    private readonly PasswordHasher<ProviderUser> _hasher = new();
    private readonly Dictionary<string, (ProviderUser User, string Hash)> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ProviderUser> _bySubject = new(StringComparer.Ordinal);
    private readonly string _unknownUserHash;

    public UserDirectory(IOptions<IdentityProviderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var entry in options.Value.Users)
        {
            var userName = entry.UserName!;
            var user = new ProviderUser(SubjectIdentifier.For(userName), userName, entry.DisplayName!, entry.Email!, [.. entry.Groups]);
            _byName[userName] = (user, _hasher.HashPassword(user, entry.Password!));
            _bySubject[user.Subject] = user;
            entry.Password = null;
        }

        _unknownUserHash = _hasher.HashPassword(Unknown, Guid.NewGuid().ToString());
    }

    /// <summary>How many users can sign in.</summary>
    public int Count => _byName.Count;

    /// <summary>The user when the name (ignoring case) and the password match; otherwise null.</summary>
    public ProviderUser? Check(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (!_byName.TryGetValue(userName, out var entry))
        {
            _hasher.VerifyHashedPassword(Unknown, _unknownUserHash, password);
            return null;
        }

        return _hasher.VerifyHashedPassword(entry.User, entry.Hash, password) == PasswordVerificationResult.Failed ? null : entry.User;
    }

    /// <summary>The user with that <c>sub</c>, if still configured.</summary>
    public ProviderUser? FindBySubject(string? subject) => subject is null ? null : _bySubject.GetValueOrDefault(subject);
}
