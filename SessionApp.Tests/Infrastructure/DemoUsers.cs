namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// The API's demo users (its appsettings.Development.json has the same two), for the test instances that run in
/// Production: the password list, and the loud switch without which Production refuses one.
/// </summary>
internal static class DemoUsers
{
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["InsecureDemoPasswords"] = "true",
        ["Users:0:UserName"] = "alice",
        ["Users:0:DisplayName"] = "Alice Admin",
        ["Users:0:Password"] = "alice-pass-1",
        ["Users:0:Roles:0"] = "admin",
        ["Users:1:UserName"] = "bob",
        ["Users:1:DisplayName"] = "Bob Buyer",
        ["Users:1:Password"] = "bob-pass-1",
    };

    /// <summary>The same settings as environment variables (<c>Users__0__UserName</c>, …).</summary>
    public static IEnumerable<KeyValuePair<string, string>> EnvironmentVariables =>
        Settings.Select(static s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value));
}
