using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>Two API instances with no stickiness: what one does, the other sees on the very next request.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class MultiInstanceTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cart_AddedOnFirstInstance_IsReadOnSecond()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (first, second, _) = apis.CreateBrowser();
        await first.SignInAsync("bob", "bob-pass-1");

        // Act
        using var added = await first.AddToCartAsync("TEA-GREEN", 2);
        using var read = await second.GetAsync("/api/cart", Token);
        var cart = await read.Content.ReadFromJsonAsync<JsonElement>(Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("api-1", added.Headers.GetValues("X-Instance").Single());
        Assert.Equal("api-2", read.Headers.GetValues("X-Instance").Single());
        Assert.Equal("api-2", cart.GetProperty("instance").GetString());
        var line = Assert.Single(cart.GetProperty("items").EnumerateArray());
        Assert.Equal("TEA-GREEN", line.GetProperty("sku").GetString());
        Assert.Equal("Green tea", line.GetProperty("name").GetString());
        Assert.Equal(4.50m, line.GetProperty("price").GetDecimal());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal(2, cart.GetProperty("totalQuantity").GetInt32());
        Assert.Equal(9.00m, cart.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task Cart_AnonymousCart_SurvivesSignIn()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (first, second, _) = apis.CreateBrowser();
        using var added = await first.AddToCartAsync("MUG-WHITE", 3);

        // Act
        await second.SignInAsync("bob", "bob-pass-1");
        var cart = await first.GetJsonAsync("/api/cart");

        // Assert
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(3, cart.GetProperty("totalQuantity").GetInt32());
    }

    [Fact]
    public async Task RevokeOthers_OnFirstInstance_SignsTheOtherDeviceOutOnSecondAtOnce()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (laptop, _, _) = apis.CreateBrowser();
        var (_, phone, _) = apis.CreateBrowser();
        await laptop.SignInAsync("bob", "bob-pass-1");
        await phone.SignInAsync("bob", "bob-pass-1");
        var devices = await laptop.GetJsonAsync("/api/sessions");

        // Act
        using var response = await laptop.PostAsync("/api/sessions/revoke-others", null, Token);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);

        // Assert
        Assert.Equal(2, devices.GetArrayLength());
        Assert.Single(devices.EnumerateArray(), d => d.GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, await phone.StatusAsync("/api/auth/me"));
        Assert.Equal(HttpStatusCode.OK, await laptop.StatusAsync("/api/auth/me"));
    }

    [Fact]
    public async Task DeleteSession_OtherDevicesId_SignsThatDeviceOutOnSecondAtOnce()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (laptop, _, _) = apis.CreateBrowser();
        var (_, phone, _) = apis.CreateBrowser();
        await laptop.SignInAsync("bob", "bob-pass-1");
        await phone.SignInAsync("bob", "bob-pass-1");
        var phoneId = (await phone.GetJsonAsync("/api/session")).GetProperty("id").GetString();

        // Act
        using var response = await laptop.DeleteAsync($"/api/sessions/{phoneId}", Token);
        using var again = await laptop.DeleteAsync($"/api/sessions/{phoneId}", Token);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await phone.StatusAsync("/api/auth/me"));
        Assert.Equal(HttpStatusCode.OK, await laptop.StatusAsync("/api/auth/me"));
        var devices = await laptop.GetJsonAsync("/api/sessions");
        Assert.Equal(1, devices.GetArrayLength());
    }

    [Fact]
    public async Task DeleteSession_AnotherUsersId_Answers404AndLeavesItAlone()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (bob, _, _) = apis.CreateBrowser();
        var (_, alice, _) = apis.CreateBrowser();
        await bob.SignInAsync("bob", "bob-pass-1");
        await alice.SignInAsync("alice", "alice-pass-1");
        var aliceId = (await alice.GetJsonAsync("/api/session")).GetProperty("id").GetString();

        // Act
        using var response = await bob.DeleteAsync($"/api/sessions/{aliceId}", Token);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await alice.StatusAsync("/api/auth/me"));
    }

    [Fact]
    public async Task AdminRevoke_BobsSessions_SignsBobOutEverywhere()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (admin, _, _) = apis.CreateBrowser();
        var (bobOnFirst, bobOnSecond, _) = apis.CreateBrowser();
        var (_, bobElsewhere, _) = apis.CreateBrowser();
        await admin.SignInAsync("alice", "alice-pass-1");
        await bobOnFirst.SignInAsync("bob", "bob-pass-1");
        await bobElsewhere.SignInAsync("bob", "bob-pass-1");
        var statsBefore = await admin.GetJsonAsync("/api/admin/sessions/stats");

        // Act
        using var response = await admin.PostAsync("/api/admin/users/bob/revoke", null, Token);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);

        // Assert
        Assert.Equal(2, statsBefore.GetProperty("users").GetInt64());
        Assert.Equal(3, statsBefore.GetProperty("sessions").GetInt64());
        Assert.Equal("api-1", statsBefore.GetProperty("instance").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, await bobOnFirst.StatusAsync("/api/auth/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, await bobOnSecond.StatusAsync("/api/auth/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, await bobElsewhere.StatusAsync("/api/auth/me"));
        Assert.Equal(HttpStatusCode.OK, await admin.StatusAsync("/api/auth/me"));
    }

    [Fact]
    public async Task AdminEndpoints_NonAdmin403_Anonymous401()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (bob, _, _) = apis.CreateBrowser();
        var (_, anonymous, _) = apis.CreateBrowser();
        await bob.SignInAsync("bob", "bob-pass-1");

        // Act
        using var bobStats = await bob.GetAsync("/api/admin/sessions/stats", Token);
        using var bobRevoke = await bob.PostAsync("/api/admin/users/alice/revoke", null, Token);
        using var anonymousStats = await anonymous.GetAsync("/api/admin/sessions/stats", Token);
        using var anonymousRevoke = await anonymous.PostAsync("/api/admin/users/alice/revoke", null, Token);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, bobStats.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bobRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousStats.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRevoke.StatusCode);
        Assert.All(new[] { bobStats, bobRevoke, anonymousStats, anonymousRevoke },
            r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
    }
}
