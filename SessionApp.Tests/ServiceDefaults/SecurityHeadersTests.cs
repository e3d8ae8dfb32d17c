using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>UseSecurityHeaders: nosniff and the application's own headers on every response, whatever produced it.</summary>
public sealed class SecurityHeadersTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResponseWhoseHeadersWereCleared_StillCarriesNosniffAndTheAppsHeaders()
    {
        // Arrange
        await using var app = await PlainApp.StartAsync(app =>
        {
            app.UseSecurityHeaders(new Dictionary<string, string>
            {
                ["Content-Security-Policy"] = "default-src 'none'",
                ["Referrer-Policy"] = "same-origin",
            });
            app.MapGet("/fails", static (HttpContext context) =>
            {
                context.Response.Headers.Clear();
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            });
        });
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        // Act
        using var failed = await client.GetAsync("/fails", Token);
        using var missing = await client.GetAsync("/no-such-path", Token);

        // Assert
        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.NotFound), (failed.StatusCode, missing.StatusCode));
        Assert.All(new[] { failed, missing }, response =>
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        });
    }
}
