namespace SessionApp.Tests.Identity;

/// <summary>The client registration the tests give the provider, as the AppHost gives it the Web front end's.</summary>
public static class TestClient
{
    public const string ClientId = "web";

    /// <summary>40 characters, like the AppHost's generated secret (at least 32 are required).</summary>
    public const string ClientSecret = "test-only-client-secret-0123456789abcdef";

    public const string RedirectUri = "http://localhost:5080/signin-oidc";

    public const string PostLogoutRedirectUri = "http://localhost:5080/signout-callback-oidc";

    public const string AllScopes = "openid profile email offline_access";
}
