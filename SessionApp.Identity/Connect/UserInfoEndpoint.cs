using SessionApp.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SessionApp.Identity.Connect;

/// <summary>
/// The userinfo endpoint, reached once OpenIddict has validated the access token: the same claims as the tokens
/// (<see cref="UserClaims"/>) for the token's subject; <c>invalid_token</c> when that user is no longer configured.
/// </summary>
public static class UserInfoEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, UserDirectory users)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(users);
        if (await GrantedUser.FindAsync(context, users) is not { } granted)
        {
            return OAuthError.Challenge(Errors.InvalidToken, "The access token belongs to a user who can no longer sign in.");
        }

        return Results.Ok(UserClaims.UserInfo(granted.User));
    }
}
