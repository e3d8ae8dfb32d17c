using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionApp.Api.Auth;
using SessionApp.Api.Contracts;
using SessionApp.Api.Http;
using SessionApp.ServiceDefaults.Instance;
using SessionApp.ServiceDefaults.SignIn;

namespace SessionApp.Api.Apis;

/// <summary>Sign in, sign out and who am I: <c>/api/auth</c>.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("api/auth").WithTags("Auth");

        api.MapPost("/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Sign in: rotates the session id (keeping its data) and binds the session to the user; 429 once this client made 5 failures for the name in 5 minutes, locked out 1 minute, doubling with each lock-out.");
        api.MapPost("/logout", LogoutAsync)
            .WithName("Logout")
            .WithSummary("Sign out: ends the session everywhere, and revokes the identity provider's refresh token when the user signed in with one.");
        api.MapGet("/me", Me)
            .WithName("Me")
            .WithSummary("The signed-in user.")
            .RequireAuthorization();

        return app;
    }

    public static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, [AsParameters] LoginServices services)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 256)
        {
            errors["userName"] = ["The user name is required (at most 256 characters)."];
        }

        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > 1024)
        {
            errors["password"] = ["The password is required (at most 1024 characters)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userName = request.UserName!.Trim();
        var client = services.Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await services.Throttle.TryStartAttemptAsync(userName, client) is { } block)
        {
            return TooManyAttempts(services, userName, block);
        }

        var user = services.Users.Validate(userName, request.Password!);
        if (user is null)
        {
            services.Audit.SignInFailed(services.Context, userName, "password", "wrong user name or password");
            return ApiProblems.Unauthorized("The user name or password is wrong.");
        }

        await services.Throttle.ResetAsync(userName, client);
        await SessionSignIn.SignInAsync(services.Context, user);
        services.Audit.SignedIn(services.Context, user.UserName, "password");
        return TypedResults.Ok(ApiClaims.ToResponse(services.Context.User, services.Instance.Name));
    }

    public static async Task<NoContent> LogoutAsync(HttpContext context, SessionSignOut signOut)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(signOut);
        await signOut.SignOutAsync(context, returnTo: null);
        return TypedResults.NoContent();
    }

    public static Ok<UserResponse> Me(HttpContext context, InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instance);
        return TypedResults.Ok(ApiClaims.ToResponse(context.User, instance.Name));
    }

    private static ProblemHttpResult TooManyAttempts(LoginServices services, string userName, TimeSpan block)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(block.TotalSeconds));
        services.Audit.SignInFailed(services.Context, userName, "password", $"locked out for {seconds} s after too many failures");
        services.Context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"Too many failed sign-ins for this user name from here. Try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many attempts");
    }
}
