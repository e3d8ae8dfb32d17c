namespace SessionApp.Api.Users;

/// <summary>The users the API knows, bound from the configuration section <c>Users</c>.</summary>
public sealed class UsersOptions
{
    /// <summary>The configuration section: <c>Users</c>.</summary>
    public const string SectionName = "Users";

    /// <summary>The users. Default none (nobody can sign in).</summary>
    public IList<DemoUserOptions> Users { get; } = [];
}
