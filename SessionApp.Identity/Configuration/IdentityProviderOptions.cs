namespace SessionApp.Identity.Configuration;

/// <summary>The settings of the local OpenID Connect provider, bound from the <c>Identity</c> section.</summary>
public sealed class IdentityProviderOptions
{
    /// <summary>The configuration section these options bind from: <c>Identity</c>.</summary>
    public const string SectionName = "Identity";

    /// <summary>
    /// The issuer (<c>iss</c>) to pin, an absolute http(s) URI. Default none: OpenIddict takes the base address of
    /// each request, which is what a client reaching the provider at one address expects. The endpoint addresses in the
    /// discovery document stay those of the request either way.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>How long an access token lives. Default 5 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an identity token lives. Default 5 minutes.</summary>
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a refresh token lives; each refresh issues a new one with a full lifetime. Default 8 hours.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long a refresh token that was already used (refresh tokens roll: each use returns a new one) is still
    /// accepted, so that two instances of a client refreshing at once are not punished; a use after this leeway is
    /// taken as a replay and revokes every token of that sign-in. Default 30 seconds, OpenIddict's.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The client applications (the AppHost registers the Web front end). Default none; at least one is required.</summary>
    public IList<IdentityClientOptions> Clients { get; } = [];

    /// <summary>The users who can sign in (the development users ship in <c>appsettings.Development.json</c>). At least one is required.</summary>
    public IList<IdentityUserOptions> Users { get; } = [];
}
