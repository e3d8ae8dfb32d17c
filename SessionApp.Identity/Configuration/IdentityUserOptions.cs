namespace SessionApp.Identity.Configuration;

/// <summary>One user who can sign in at the provider.</summary>
public sealed class IdentityUserOptions
{
    /// <summary>The sign-in name, also the <c>preferred_username</c> claim; unique ignoring case, no spaces. Required.</summary>
    public string? UserName { get; set; }

    /// <summary>The password, at least 8 characters; hashed at start-up and then cleared from these options. Required.</summary>
    public string? Password { get; set; }

    /// <summary>The <c>name</c> claim. Required.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The <c>email</c> claim. Required.</summary>
    public string? Email { get; set; }

    /// <summary>The <c>groups</c> claim (a JSON array, empty when there are none). Default none.</summary>
    public IList<string> Groups { get; } = [];
}
