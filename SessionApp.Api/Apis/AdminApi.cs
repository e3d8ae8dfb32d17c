using Microsoft.AspNetCore.Http.HttpResults;
using SessionApp.Api.Auth;
using SessionApp.Api.Contracts;
using SessionApp.Api.Http;
using SessionApp.Api.Users;
using SessionApp.ServiceDefaults.Instance;
using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Sessions.Users;

namespace SessionApp.Api.Apis;

/// <summary>Administration of everybody's sessions, for role <c>admin</c>: <c>/api/admin</c>.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("api/admin").WithTags("Admin").RequireAuthorization(SessionAppSessionsExtensions.AdminPolicy);

        api.MapGet("/sessions/stats", GetStatsAsync)
            .WithName("GetSessionStats")
            .WithSummary("How many users are signed in, with how many sessions, across every instance.");
        api.MapPost("/users/{user}/revoke", RevokeUserAsync)
            .WithName("RevokeUserSessions")
            .WithSummary("Signs a user (by user id) out everywhere by ending all of their sessions and revoking their identity provider refresh tokens.");

        return app;
    }

    public static async Task<Ok<StatsResponse>> GetStatsAsync(ISessionManager sessions, InstanceInfo instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(instance);
        var stats = await sessions.GetStatsAsync(cancellationToken);
        return TypedResults.Ok(new StatsResponse(stats.Users, stats.Sessions, instance.Name));
    }

    public static async Task<Results<Ok<RevokedResponse>, ValidationProblem>> RevokeUserAsync(string user, HttpContext context, SessionSignOut signOut, UserStore users, ILogger<LoginServices> logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(signOut);
        if (!UsersOptionsValidator.UserNamePattern().IsMatch(user))
        {
            return ApiProblems.Field("user", "A user name is 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.");
        }

        ArgumentNullException.ThrowIfNull(users);
        user = users.Find(user)?.UserName ?? user;
        var revoked = await signOut.RevokeAllAsync(context, user);
        Log.AdminRevoked(logger, ApiClaims.UserId(context.User) ?? "?", user, revoked);
        return TypedResults.Ok(new RevokedResponse(revoked));
    }
}
