using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using SessionApp.Identity.Account;
using SessionApp.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SessionApp.Identity.Connect;

/// <summary>
/// The authorization endpoint, reached once OpenIddict has validated the request (client, exact redirect_uri, code
/// response type, S256 code challenge, scopes). A user signed in at the provider gets a code at once (no consent
/// screen: a first-party client); anyone else goes to the sign-in page and comes back to this same request.
/// </summary>
public static class AuthorizeEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, UserDirectory users, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(loggers);
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var session = await context.AuthenticateAsync(ProviderCookie.Scheme);
        var user = session.Succeeded ? users.FindBySubject(session.Principal.GetClaim(Claims.Subject)) : null;
        var signedInAt = session.Properties?.IssuedUtc;
        if (user is null || request.HasPromptValue(PromptValues.Login) || IsTooOld(signedInAt, request.MaxAge))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return OAuthError.Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            return Results.Challenge(new AuthenticationProperties { RedirectUri = ThisRequestWithoutPromptLogin(context.Request, request) }, [ProviderCookie.Scheme]);
        }

        Log.AuthorizationIssued(loggers.CreateLogger(typeof(AuthorizeEndpoint)), user.UserName, request.ClientId!);
        var identity = UserClaims.ForAuthorization(user, request.GetScopes(), signedInAt);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static bool IsTooOld(DateTimeOffset? signedInAt, long? maxAge) =>
        maxAge is { } seconds && (signedInAt is null || DateTimeOffset.UtcNow - signedInAt > TimeSpan.FromSeconds(seconds));

    /// <summary>This authorization request again, minus <c>prompt=login</c> so the sign-in that follows does not loop.</summary>
    private static string ThisRequestWithoutPromptLogin(HttpRequest http, OpenIddictRequest request)
    {
        var parameters = (http.HasFormContentType ? http.Form.AsEnumerable() : http.Query.AsEnumerable())
            .Where(static parameter => parameter.Key != Parameters.Prompt)
            .ToList();
        var prompt = string.Join(' ', request.GetPromptValues().Remove(PromptValues.Login));
        if (prompt.Length > 0)
        {
            parameters.Add(new(Parameters.Prompt, prompt));
        }

        return http.PathBase + http.Path + QueryString.Create(parameters);
    }
}
