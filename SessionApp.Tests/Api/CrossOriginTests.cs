using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>
/// A page on another origin (a sibling subdomain or port, which still gets the user's SameSite=Lax cookies sent)
/// cannot change anything through the API with the user's cookies; the site's own pages, the Web front end's
/// server-side calls and scripts without a browser still can.
/// </summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class CrossOriginTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string?, string?> ForeignRequests => new()
    {
        // method and path, Origin, Sec-Fetch-Site
        { "POST /api/sessions/revoke-others", "http://shop.example.net", "same-site" },
        { "POST /api/sessions/revoke-others", null, "cross-site" },
        { "POST /api/sessions/revoke-others", "http://evil.example", null },
        { "POST /api/sessions/revoke-others", "null", null },
        { "POST /api/auth/logout", "http://evil.example", "cross-site" },
        { "DELETE /api/cart/items/TEA-GREEN", "http://evil.example", "same-site" },
    };

    [Theory]
    [MemberData(nameof(ForeignRequests))]
    public async Task StateChange_FromAnotherOrigin_Answers403ProblemAndChangesNothing(string request, string? origin, string? fetchSite)
    {
        // Arrange: bob signed in on two devices, with tea in the cart of the first
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (device, _, _) = apis.CreateBrowser();
        var (otherDevice, _, _) = apis.CreateBrowser();
        await device.SignInAsync("bob", "bob-pass-1");
        await otherDevice.SignInAsync("bob", "bob-pass-1");
        using var added = await device.AddToCartAsync("TEA-GREEN", 2);
        var (method, path) = (request.Split(' ')[0], request.Split(' ')[1]);
        using var message = new HttpRequestMessage(new HttpMethod(method), path);
        if (origin is not null)
        {
            message.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (fetchSite is not null)
        {
            message.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        // Act
        using var response = await device.SendAsync(message, Token);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, await device.StatusAsync("/api/auth/me"));
        Assert.Equal(HttpStatusCode.OK, await otherDevice.StatusAsync("/api/auth/me"));
        Assert.Equal(2, (await device.GetJsonAsync("/api/cart")).GetProperty("totalQuantity").GetInt32());
    }

    [Theory]
    [InlineData(true, "same-origin")]
    [InlineData(true, null)]
    [InlineData(false, null)]
    public async Task RevokeOthers_FromTheSameOriginOrWithoutABrowser_SignsTheOtherDeviceOut(bool sendOrigin, string? fetchSite)
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (device, _, _) = apis.CreateBrowser();
        var (otherDevice, _, _) = apis.CreateBrowser();
        await device.SignInAsync("bob", "bob-pass-1");
        await otherDevice.SignInAsync("bob", "bob-pass-1");
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/sessions/revoke-others");
        if (sendOrigin)
        {
            message.Headers.TryAddWithoutValidation("Origin", apis.First.Address.GetLeftPart(UriPartial.Authority));
        }

        if (fetchSite is not null)
        {
            message.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        // Act
        using var response = await device.SendAsync(message, Token);
        var revoked = await response.Content.ReadFromJsonAsync<JsonElement>(Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, revoked.GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, await otherDevice.StatusAsync("/api/auth/me"));
        Assert.Equal(HttpStatusCode.OK, await device.StatusAsync("/api/auth/me"));
    }

    [Fact]
    public async Task Read_FromAnotherOrigin_IsNotRefused()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (device, _, _) = apis.CreateBrowser();
        await device.SignInAsync("bob", "bob-pass-1");
        using var message = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        message.Headers.TryAddWithoutValidation("Origin", "http://evil.example");
        message.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        // Act
        using var response = await device.SendAsync(message, Token);

        // Assert: reading is the browser's same-origin policy's business (the API sends no CORS headers)
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
