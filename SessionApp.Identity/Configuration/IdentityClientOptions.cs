namespace SessionApp.Identity.Configuration;

/// <summary>One confidential client application, registered in OpenIddict's application store at start-up.</summary>
public sealed class IdentityClientOptions
{
    /// <summary>The <c>client_id</c>. Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret, at least 32 characters (the AppHost generates one per run). Required.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The name shown for the client. Default the client id.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The exact <c>redirect_uri</c> values the client may use, absolute http(s) URIs. At least one.</summary>
    public IList<string> RedirectUris { get; } = [];

    /// <summary>The exact <c>post_logout_redirect_uri</c> values the client may use, absolute http(s) URIs. Default none.</summary>
    public IList<string> PostLogoutRedirectUris { get; } = [];
}
