namespace SessionApp.Identity.Connect;

/// <summary>Where the provider's OpenID Connect endpoints are (discovery and JWKS stay at OpenIddict's <c>/.well-known/</c> defaults).</summary>
public static class ConnectPaths
{
    public const string Authorize = "/connect/authorize";
    public const string Token = "/connect/token";
    public const string Logout = "/connect/logout";
    public const string Revoke = "/connect/revoke";
    public const string UserInfo = "/connect/userinfo";
}
