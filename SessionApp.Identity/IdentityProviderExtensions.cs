using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using SessionApp.Identity.Account;
using SessionApp.Identity.Configuration;
using SessionApp.Identity.Connect;
using SessionApp.Identity.Hosting;
using SessionApp.Identity.Storage;
using SessionApp.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers and maps the local OpenID Connect provider.</summary>
public static class IdentityProviderExtensions
{
    /// <summary>
    /// Refuses any environment but Development (<see cref="DevelopmentOnly"/>), then adds the <c>Identity</c> settings
    /// (validated at start-up), the users, OpenIddict's server on EF Core over an in-memory SQLite database (code flow
    /// with S256 PKCE, refresh tokens, revocation, end-session, userinfo; signed JWT access tokens; development
    /// certificates), the provider's sign-in cookie and the sign-in page.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddIdentityProvider(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        DevelopmentOnly.Require(builder.Environment);

        var services = builder.Services;
        services.AddOptions<IdentityProviderOptions>()
            .BindConfiguration(IdentityProviderOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentityProviderOptions>, IdentityProviderOptionsValidator>());
        services.TryAddSingleton<UserDirectory>();

        services.TryAddSingleton<InMemoryDatabase>();
        services.AddDbContext<IdentityDbContext>((provider, options) => options
            .UseSqlite(provider.GetRequiredService<InMemoryDatabase>().ConnectionString)
            .UseOpenIddict());
        services.AddHostedService<IdentityStoreInitializer>();

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(ConfigureServer);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIddictServerOptions>, ServerOptionsSetup>());

        services.AddAuthentication(ProviderCookie.Scheme).AddCookie(ProviderCookie.Scheme, ProviderCookie.Configure);
        services.AddAuthorization();
        services.AddAntiforgery(options => options.Cookie.Name = ProviderCookie.Name + ".af");
        services.AddRazorPages();

        return builder;
    }

    /// <summary>Maps the endpoints OpenIddict passes through to this application and the sign-in page.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapIdentityProvider(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapConnectEndpoints();
        app.MapRazorPages();
        return app;
    }

    private static void ConfigureServer(OpenIddictServerBuilder server)
    {
        server.SetAuthorizationEndpointUris(ConnectPaths.Authorize)
            .SetTokenEndpointUris(ConnectPaths.Token)
            .SetEndSessionEndpointUris(ConnectPaths.Logout)
            .SetRevocationEndpointUris(ConnectPaths.Revoke)
            .SetUserInfoEndpointUris(ConnectPaths.UserInfo);

        server.AllowAuthorizationCodeFlow()
            .AllowRefreshTokenFlow()
            .RequireProofKeyForCodeExchange()
            .RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess)
            .RegisterClaims(Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.Email, UserClaims.Groups);

        // Resource servers read the access tokens themselves, as they read Cognito's: signed JWTs, not encrypted.
        // Codes and refresh tokens stay encrypted: only this provider reads them.
        server.DisableAccessTokenEncryption()
            .AddDevelopmentSigningCertificate()
            .AddDevelopmentEncryptionCertificate();

        // Revocation is OpenIddict's own; authorization, token, end-session and userinfo requests are validated by
        // OpenIddict (client, secret, redirect_uri, PKCE, single-use code, token) and then answered by
        // Connect/*Endpoint. Plain http: development only.
        server.UseAspNetCore()
            .EnableAuthorizationEndpointPassthrough()
            .EnableTokenEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough()
            .EnableUserInfoEndpointPassthrough()
            .DisableTransportSecurityRequirement();
    }
}
