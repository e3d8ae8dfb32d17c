using Microsoft.AspNetCore.Authentication.Cookies;
using SessionApp.Api.Http;

namespace SessionApp.Api.Auth;

/// <summary>An API answers 401 and 403 with problem details where a site would redirect to a sign-in page.</summary>
public static class ApiCookieEvents
{
    public static void Configure(CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Events.OnRedirectToLogin = context => ApiProblems.WriteAsync(
            context.HttpContext, StatusCodes.Status401Unauthorized, "Not signed in", "Sign in with POST /api/auth/login first.");
        options.Events.OnRedirectToAccessDenied = context => ApiProblems.WriteAsync(
            context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "Your account does not have the role this needs.");
        options.Events.OnRedirectToLogout = context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToReturnUrl = context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        };
    }
}
