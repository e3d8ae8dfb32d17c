using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SessionApp.Identity.Configuration;

/// <summary>
/// Applies the configured issuer, token lifetimes and refresh token reuse leeway to OpenIddict's server options, and leaves S256 as the only
/// PKCE method (OpenIddict also accepts <c>plain</c> unless told otherwise).
/// </summary>
internal sealed class ServerOptionsSetup(IOptions<IdentityProviderOptions> settings) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var identity = settings.Value;
        if (identity.Issuer is not null)
        {
            options.Issuer = new Uri(identity.Issuer, UriKind.Absolute);
        }

        options.AccessTokenLifetime = identity.AccessTokenLifetime;
        options.IdentityTokenLifetime = identity.IdentityTokenLifetime;
        options.RefreshTokenLifetime = identity.RefreshTokenLifetime;
        options.RefreshTokenReuseLeeway = identity.RefreshTokenReuseLeeway;
        options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
    }
}
