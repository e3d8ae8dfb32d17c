namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>The claims of a signed-in user beyond .NET's own (name identifier, name, role), whichever way they signed in.</summary>
public static class SessionAppClaims
{
    /// <summary>The name to show.</summary>
    public const string DisplayName = "display_name";

    /// <summary>How the user signed in: <c>password</c> or <c>oidc</c>.</summary>
    public const string Method = "sign_in_method";
}
