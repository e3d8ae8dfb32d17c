using SessionApp.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SessionApp.Tests.Web;

/// <summary>One browser spread over both Web and both API instances: a sign-in, a cart, a revocation and a form token work everywhere.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class CrossInstanceTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_OnWebOne_CartReadableOnWebTwoAndApiTwo()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        await ShopBrowser.SignInAsync(browser.Web1, "alice", "alice-pass-1");
        var cartForm = await ShopBrowser.GetAsync(browser.Web1, "/Cart");
        var added = await ShopBrowser.PostFormAsync(browser.Web1, "/Cart?handler=Add", cartForm.AntiforgeryToken, ("Input.Sku", await FirstSkuAsync(browser)), ("Input.Quantity", "2"));
        Assert.Equal(HttpStatusCode.Redirect, added.Status);

        // Act
        var home = await ShopBrowser.GetAsync(browser.Web2, "/");
        var cartPage = await ShopBrowser.GetAsync(browser.Web2, "/Cart");
        var apiCart = await browser.Api2.GetFromJsonAsync<JsonElement>("/api/cart", Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal("alice", home.TestId("user-name"));
        Assert.Equal("web-2", home.TestId("served-by"));
        Assert.Equal("2", cartPage.TestId("cart-quantity"));
        Assert.Equal(2, apiCart.GetProperty("totalQuantity").GetInt32());
        Assert.Equal("api-2", apiCart.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task SignIn_RelaysTheApiCookies_BrowserIsSignedInOnEveryInstance()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        var form = await ShopBrowser.GetAsync(browser.Web1, "/Login?ReturnUrl=%2FDevices");

        // Act
        var result = await ShopBrowser.PostFormAsync(browser.Web1, "/Login", form.AntiforgeryToken, ("Input.UserName", "bob"), ("Input.Password", "bob-pass-1"), ("ReturnUrl", "/Devices"));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/Devices", result.Location?.OriginalString);
        Assert.NotNull(browser.Cookies.GetCookies(fixture.Shop.Web1.Address)["sessionapp.auth"]);
        var me = await browser.Api1.GetFromJsonAsync<JsonElement>("/api/auth/me", Token);
        Assert.Equal("bob", me.GetProperty("userName").GetString());
        var devices = await ShopBrowser.GetAsync(browser.Web2, "/Devices");
        Assert.Equal(HttpStatusCode.OK, devices.Status);
        Assert.Equal(1, devices.Count("this-device"));
    }

    [Fact]
    public async Task RevokeOthers_FromAnotherDeviceOnApiOne_WebTwoShowsSignedOutOnNextRequest()
    {
        // Arrange
        using var laptop = fixture.Shop.CreateBrowser();
        using var phone = fixture.Shop.CreateBrowser("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1");
        await ShopBrowser.SignInAsync(laptop.Web1, "bob", "bob-pass-1");
        var before = await ShopBrowser.GetAsync(laptop.Web2, "/");
        Assert.Equal("bob", before.TestId("user-name"));
        await ShopBrowser.SignInOnApiAsync(phone.Api1, "bob", "bob-pass-1");

        // Act
        using var revoked = await phone.Api1.PostAsync(new Uri("/api/sessions/revoke-others", UriKind.Relative), null, Token);
        var after = await ShopBrowser.GetAsync(laptop.Web2, "/");
        var devices = await ShopBrowser.GetAsync(laptop.Web2, "/Devices");

        // Assert
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Null(after.TestId("user-name"));
        Assert.Contains("Sign in", after.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, devices.Status);
        Assert.StartsWith("/Login", devices.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : devices.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeOneSession_OnApiOne_WebTwoShowsSignedOutOnNextRequest()
    {
        // Arrange
        using var laptop = fixture.Shop.CreateBrowser();
        using var desktop = fixture.Shop.CreateBrowser("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Gecko/20100101 Firefox/140.0");
        await ShopBrowser.SignInAsync(laptop.Web1, "alice", "alice-pass-1");
        await ShopBrowser.SignInOnApiAsync(desktop.Api1, "alice", "alice-pass-1");
        var sessions = await laptop.Api1.GetFromJsonAsync<JsonElement>("/api/sessions", Token);
        var laptopSession = sessions.EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();

        // Act
        using var revoked = await desktop.Api1.DeleteAsync(new Uri("/api/sessions/" + laptopSession, UriKind.Relative), Token);
        var after = await ShopBrowser.GetAsync(laptop.Web2, "/");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Null(after.TestId("user-name"));
        Assert.Equal("Guest (not signed in)", after.TestId("session-user"));
    }

    [Fact]
    public async Task CartAdd_SignedOut_SessionCookieRelayed_CartKeptOnWebTwoAndThroughSignIn()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        var sku = await FirstSkuAsync(browser);

        // Act
        var added = await ShopBrowser.SubmitAsync(browser.Web1, "/Cart", "/Cart?handler=Add", ("Input.Sku", sku), ("Input.Quantity", "3"));
        var guestCart = await ShopBrowser.GetAsync(browser.Web2, "/Cart");
        await ShopBrowser.SignInAsync(browser.Web2, "bob", "bob-pass-1");
        var signedInCart = await ShopBrowser.GetAsync(browser.Web1, "/Cart");

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.NotNull(browser.Cookies.GetCookies(fixture.Shop.Web1.Address)["sessionapp.sid"]);
        Assert.Equal("3", guestCart.TestId("cart-quantity"));
        Assert.Equal("bob", signedInCart.TestId("user-name"));
        Assert.Equal("3", signedInCart.TestId("cart-quantity"));
    }

    [Fact]
    public async Task AntiforgeryToken_FromWebOne_AcceptedByWebTwo()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        await ShopBrowser.SignInAsync(browser.Web1, "bob", "bob-pass-1");
        var form = await ShopBrowser.GetAsync(browser.Web1, "/Cart");
        var sku = await FirstSkuAsync(browser);

        // Act
        var result = await ShopBrowser.PostFormAsync(browser.Web2, "/Cart?handler=Add", form.AntiforgeryToken, ("Input.Sku", sku), ("Input.Quantity", "1"));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var cart = await ShopBrowser.GetAsync(browser.Web1, "/Cart");
        Assert.Contains($"data-sku=\"{sku}\"", cart.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_OnWebTwo_EndsTheSessionEverywhere()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        await ShopBrowser.SignInAsync(browser.Web1, "bob", "bob-pass-1");
        var home = await ShopBrowser.GetAsync(browser.Web2, "/");

        // Act
        var result = await ShopBrowser.PostFormAsync(browser.Web2, "/Logout", home.AntiforgeryToken);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var after = await ShopBrowser.GetAsync(browser.Web1, "/");
        Assert.Null(after.TestId("user-name"));
        using var me = await browser.Api1.GetAsync(new Uri("/api/auth/me", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    private static async Task<string> FirstSkuAsync(ShopBrowser browser)
    {
        var catalog = await browser.Api1.GetFromJsonAsync<JsonElement>("/api/catalog", Token);
        return catalog[0].GetProperty("sku").GetString()!;
    }
}
