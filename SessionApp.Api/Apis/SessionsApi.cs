using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionApp.Api.Auth;
using SessionApp.Api.Contracts;
using SessionApp.Api.Http;
using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Sessions.Users;

namespace SessionApp.Api.Apis;

/// <summary>The signed-in user's sessions ("your devices"): list them and sign any of them out, <c>/api/sessions</c>.</summary>
public static partial class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("api/sessions").WithTags("Sessions").RequireAuthorization();

        api.MapGet("/", ListAsync)
            .WithName("ListSessions")
            .WithSummary("The signed-in user's live sessions, oldest first, the current one marked.");
        api.MapDelete("/{id}", RevokeAsync)
            .WithName("RevokeSession")
            .WithSummary("Signs one of the user's sessions out, on every instance at once, and revokes its identity provider refresh token.");
        api.MapPost("/revoke-others", RevokeOthersAsync)
            .WithName("RevokeOtherSessions")
            .WithSummary("Signs every other session of the user out, and revokes their identity provider refresh tokens.");

        return app;
    }

    public static async Task<Ok<IReadOnlyList<DeviceSessionResponse>>> ListAsync(HttpContext context, ISessionManager sessions)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sessions);
        var list = await sessions.ListAsync(UserId(context), context.Session.Id, context.RequestAborted);
        IReadOnlyList<DeviceSessionResponse> result =
        [
            .. list.Select(s => new DeviceSessionResponse(s.Handle, s.UserAgent, s.IpAddress, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.IsCurrent)),
        ];
        return TypedResults.Ok(result);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RevokeAsync(string id, HttpContext context, SessionSignOut signOut)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(signOut);
        if (!HandlePattern().IsMatch(id))
        {
            return ApiProblems.Field("id", "A session id is the opaque id (25 or 43 characters) from GET /api/sessions.");
        }

        if (id == context.Session.Id)
        {
            await signOut.SignOutAsync(context, returnTo: null);
        }
        else if (await signOut.RevokeOthersAsync(context, UserId(context), id) == 0)
        {
            return ApiProblems.NotFound("You have no live session with that id.");
        }

        return TypedResults.NoContent();
    }

    public static async Task<Ok<RevokedResponse>> RevokeOthersAsync(HttpContext context, SessionSignOut signOut)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(signOut);
        var revoked = await signOut.RevokeOthersAsync(context, UserId(context), handle: null);
        return TypedResults.Ok(new RevokedResponse(revoked));
    }

    private static string UserId(HttpContext context) =>
        ApiClaims.UserId(context.User) ?? throw new InvalidOperationException("The endpoint requires authorization.");

    [GeneratedRegex("^(?:[A-Za-z0-9_-]{25}|[A-Za-z0-9_-]{43})$", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();
}
