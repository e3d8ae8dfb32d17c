namespace SessionApp.Api.Users;

/// <summary>One user from the configuration section <c>Users</c> (a list). Demo only: real users come from a real store.</summary>
public sealed class DemoUserOptions
{
    /// <summary>The sign-in name, unique ignoring case; <c>^[A-Za-z0-9._-]{1,64}$</c>. No default.</summary>
    public string? UserName { get; set; }

    /// <summary>The name shown to people. No default.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The password, at least 8 characters; hashed at start-up and then dropped from memory. No default.</summary>
    public string? Password { get; set; }

    /// <summary>The user's roles, e.g. <c>admin</c>. Default none.</summary>
    public IList<string> Roles { get; } = [];
}
