using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SessionApp.ServiceDefaults.SignIn;

/// <summary>Sign-in with an OpenID Connect provider into the server-side session, when <c>Authentication:Oidc:Authority</c> is set.</summary>
internal static class OidcSignInExtensions
{
    /// <summary>The authentication scheme that challenges the provider and handles its answer.</summary>
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>
    /// Binds and validates <c>Authentication:Oidc</c>, adds the audit trail, and, when a provider is configured, the
    /// OpenID Connect scheme (Authorization Code + PKCE, the answer by query, no tokens in the ticket or the cookie),
    /// the provider client and the refresher, hooked into the cookie's <c>OnValidatePrincipal</c>.
    /// </summary>
    public static void AddOidcSignIn(this IHostApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        var services = builder.Services;
        services.AddOptions<OidcSignInOptions>().BindConfiguration(OidcSignInOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OidcSignInOptions>, OidcSignInOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<SessionSignOut>();
        if (string.IsNullOrEmpty(builder.Configuration[$"{OidcSignInOptions.SectionName}:Authority"]))
        {
            return;
        }

        services.AddHttpClient(ProviderClient.HttpClientName);
        services.TryAddSingleton<ProviderClient>();
        services.TryAddSingleton<ProviderTokenRefresher>();
        services.TryAddSingleton<OidcSignInEvents>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ProviderTokenRefresher>((cookie, refresher) =>
            {
                var earlier = cookie.Events.OnValidatePrincipal;
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    await earlier(context);
                    if (context.Principal is not null)
                    {
                        await refresher.ValidatePrincipalAsync(context);
                    }
                };
            });

        authentication.AddOpenIdConnect(Scheme, _ => { });
        services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<OidcSignInOptions>>((oidc, signIn) =>
        {
            var settings = signIn.Value;
            oidc.Authority = settings.Authority!.ToString();
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            oidc.ResponseType = "code";
            oidc.UsePkce = true;

            // The answer comes back by a top-level GET, so the correlation and nonce cookies can be SameSite=Lax, and
            // Secure as the request is (always, behind the load balancer's https): their defaults, SameSite=None and
            // always Secure, are cookies a browser never sends back to the local plain-http gateway.
            oidc.ResponseMode = "query";
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.Scope.Clear();
            foreach (var scope in settings.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                oidc.Scope.Add(scope);
            }

            // Tokens go into the server-side session (OidcSignInEvents), never into the ticket the cookie points at.
            oidc.SaveTokens = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.MapInboundClaims = false;
            oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            oidc.SignedOutRedirectUri = "/";
            oidc.EventsType = typeof(OidcSignInEvents);
        });
    }
}
