using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SessionApp.Api.Users;

/// <summary>
/// The users from configuration, with passwords hashed (PBKDF2, <see cref="PasswordHasher{TUser}"/>) when the
/// store is built at start-up; the plaintext is then cleared from the options it came from.
/// </summary>
public sealed class UserStore
{
    private readonly PasswordHasher<ApiUser> _hasher = new();
    private readonly Dictionary<string, ApiUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _dummyHash;

    public UserStore(IOptions<UsersOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var entry in options.Value.Users)
        {
            var userName = entry.UserName!;
            var stub = new ApiUser(userName, entry.DisplayName!, [.. entry.Roles], string.Empty);
            _users[userName] = stub with { PasswordHash = _hasher.HashPassword(stub, entry.Password!) };
            entry.Password = null;
        }

        // Unknown names are checked against this too, so a wrong name takes as long as a wrong password.
        _dummyHash = _hasher.HashPassword(new ApiUser(string.Empty, string.Empty, [], string.Empty), Guid.NewGuid().ToString());
    }

    /// <summary>The user when the name (ignoring case) and the password match; otherwise null.</summary>
    public ApiUser? Validate(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (!_users.TryGetValue(userName, out var user))
        {
            _hasher.VerifyHashedPassword(new ApiUser(userName, string.Empty, [], string.Empty), _dummyHash, password);
            return null;
        }

        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>The user with that name (ignoring case), if any.</summary>
    public ApiUser? Find(string userName) => _users.GetValueOrDefault(userName);
}
