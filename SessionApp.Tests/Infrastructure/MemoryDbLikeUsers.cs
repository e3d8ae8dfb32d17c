using System.Security.Cryptography;
using SessionApp.Aws;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// The ACL of a MemoryDB-like redis-server: the default user off (MemoryDB's open-access user is not in the
/// cluster's ACL), the application user with the published access string (<see cref="MemoryDbAccessString"/>) plus
/// only what the caller adds, and an administrator the fixture itself uses to build a cluster and read the ACL log.
/// </summary>
public sealed class MemoryDbLikeUsers
{
    public const string AdminUser = "fixture-admin";

    public MemoryDbLikeUsers(string accessString, string appUser = "sessionapp-test-app")
    {
        AccessString = accessString;
        AppUser = appUser;
    }

    /// <summary>The application user's name.</summary>
    public string AppUser { get; }

    /// <summary>The application user's rules as MemoryDB would hold them.</summary>
    public string AccessString { get; }

    public string AppPassword { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public string AdminPassword { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>redis-server arguments: <c>--user default off</c>, the application user, the administrator.</summary>
    public IEnumerable<string> ServerArguments()
    {
        string[] admin = ["reset", "on", ">" + AdminPassword, "~*", "&*", "+@all"];
        return new[] { "--user", "default", "reset", "off" }
            .Concat(["--user", AppUser, .. MemoryDbAccessString.ToRedisAclRules(AccessString, AppPassword)])
            .Concat(["--user", AdminUser, .. admin]);
    }
}
