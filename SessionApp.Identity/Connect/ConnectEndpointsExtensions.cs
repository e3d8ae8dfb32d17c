namespace SessionApp.Identity.Connect;

/// <summary>Maps the endpoints OpenIddict validates and then passes through to this application.</summary>
internal static class ConnectEndpointsExtensions
{
    private static readonly string[] GetAndPost = [HttpMethods.Get, HttpMethods.Post];

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(ConnectPaths.Authorize, GetAndPost, AuthorizeEndpoint.HandleAsync)
            .WithName("Authorize")
            .WithSummary("Issues an authorization code to the signed-in user, or sends the browser to the sign-in page.");
        endpoints.MapPost(ConnectPaths.Token, TokenEndpoint.HandleAsync)
            .WithName("Token")
            .WithSummary("Issues tokens for a valid authorization code or refresh token, with the user's current claims.");
        endpoints.MapMethods(ConnectPaths.Logout, GetAndPost, EndSessionEndpoint.HandleAsync)
            .WithName("EndSession")
            .WithSummary("Ends the provider's sign-in and returns to the client's registered post-logout URI.");
        endpoints.MapMethods(ConnectPaths.UserInfo, GetAndPost, UserInfoEndpoint.HandleAsync)
            .WithName("UserInfo")
            .WithSummary("Describes the user an access token was issued to.");
        return endpoints;
    }
}
