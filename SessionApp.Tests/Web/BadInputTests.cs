using SessionApp.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SessionApp.Tests.Web;

/// <summary>Every Web form and page given bad input answers the right 4xx with a page a person can act on, never a 500.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class BadInputTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_MissingFields_Returns400WithFieldMessages()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();

        // Act
        var page = await ShopBrowser.SubmitAsync(browser.Web1, "/Login", "/Login", ("Input.UserName", ""), ("Input.Password", ""));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Enter your user name.", page.Html, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401WithMessageAndNoSignIn()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();

        // Act
        var page = await ShopBrowser.SubmitAsync(browser.Web1, "/Login", "/Login", ("Input.UserName", "bob"), ("Input.Password", "not-bobs-password"));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
        Assert.Contains("don&#x27;t match", page.Html, StringComparison.Ordinal);
        Assert.Null(browser.Cookies.GetCookies(fixture.Shop.Web1.Address)["sessionapp.auth"]);
    }

    [Fact]
    public async Task Login_TooManyFailures_Returns429WithRetryAfter()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        var userName = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        WebPage page;
        var attempts = 0;

        // Act
        do
        {
            page = await ShopBrowser.SubmitAsync(browser.Web2, "/Login", "/Login", ("Input.UserName", userName), ("Input.Password", "wrong"));
            attempts++;
        }
        while (page.Status == HttpStatusCode.Unauthorized && attempts < 10);

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, page.Status);
        Assert.True(int.TryParse(page.RetryAfter, out var seconds) && seconds > 0, $"Retry-After was '{page.RetryAfter}'.");
        Assert.Contains("Too many sign-in attempts", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ExternalReturnUrl_RedirectsHome()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        var form = await ShopBrowser.GetAsync(browser.Web1, "/Login");

        // Act
        var result = await ShopBrowser.PostFormAsync(browser.Web1, "/Login", form.AntiforgeryToken, ("Input.UserName", "bob"), ("Input.Password", "bob-pass-1"), ("ReturnUrl", "https://evil.example/"));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/", result.Location?.OriginalString);
    }

    [Theory]
    [InlineData("", "1", "Choose a tea.")]
    [InlineData("SKU", "", "Enter a quantity.")]
    [InlineData("SKU", "abc", "The value &#x27;abc&#x27; is not valid for Quantity.")]
    [InlineData("SKU", "0", "Enter a quantity from 1 to 99.")]
    [InlineData("SKU", "1000", "Enter a quantity from 1 to 99.")]
    public async Task CartAdd_BadFields_Returns400WithFieldMessage(string sku, string quantity, string message)
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        var realSku = await FirstSkuAsync(browser);

        // Act
        var page = await ShopBrowser.SubmitAsync(browser.Web1, "/Cart", "/Cart?handler=Add", ("Input.Sku", sku == "SKU" ? realSku : sku), ("Input.Quantity", quantity));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CartAdd_UnknownSku_Returns400WithTheApiMessage()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();

        // Act
        var page = await ShopBrowser.SubmitAsync(browser.Web1, "/Cart", "/Cart?handler=Add", ("Input.Sku", "NO-SUCH-TEA"), ("Input.Quantity", "1"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("id=\"sku-error\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("field-validation-error", page.Html, StringComparison.Ordinal);
        Assert.Equal("0", page.TestId("cart-quantity") ?? "0");
    }

    [Fact]
    public async Task CartRemove_SkuNotInCart_Returns404WithMessage()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();

        // Act
        var page = await ShopBrowser.SubmitAsync(browser.Web2, "/Cart", "/Cart?handler=Remove", ("sku", await FirstSkuAsync(browser)));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("no longer in your cart", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CartRemove_MissingSku_Returns400()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();

        // Act
        var page = await ShopBrowser.SubmitAsync(browser.Web1, "/Cart", "/Cart?handler=Remove");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Choose a line to remove.", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Cart?handler=Add")]
    [InlineData("/Login")]
    [InlineData("/Logout")]
    [InlineData("/Devices?handler=RevokeOthers")]
    public async Task Post_BadAntiforgeryToken_Returns400Page(string path)
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        await ShopBrowser.SignInAsync(browser.Web1, "bob", "bob-pass-1");
        await ShopBrowser.GetAsync(browser.Web1, "/Cart");

        // Act
        var forged = await ShopBrowser.PostFormAsync(browser.Web1, path, "CfDJ8forged-token", ("Input.Sku", "x"), ("Input.Quantity", "1"));
        var missing = await ShopBrowser.PostFormAsync(browser.Web2, path, null, ("Input.Sku", "x"), ("Input.Quantity", "1"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains("That request could not be understood", forged.Html, StringComparison.Ordinal);
        Assert.Contains("That request could not be understood", missing.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TokenOfAnotherBrowser_Returns400()
    {
        // Arrange
        using var mallory = fixture.Shop.CreateBrowser();
        using var victim = fixture.Shop.CreateBrowser();
        var malloryForm = await ShopBrowser.GetAsync(mallory.Web1, "/Cart");
        await ShopBrowser.GetAsync(victim.Web1, "/Cart");

        // Act
        var page = await ShopBrowser.PostFormAsync(victim.Web2, "/Cart?handler=Add", malloryForm.AntiforgeryToken, ("Input.Sku", await FirstSkuAsync(victim)), ("Input.Quantity", "1"));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/Cart/Extra")]
    [InlineData("/Devices/../../etc/passwd")]
    public async Task Get_UnknownPage_Returns404Page(string path)
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();

        // Act
        var page = await ShopBrowser.GetAsync(browser.Web1, path);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.Contains("We couldn&#x27;t find that page", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Devices_SignedOut_RedirectsToSignInWithReturnUrl()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();

        // Act
        var page = await ShopBrowser.GetAsync(browser.Web2, "/Devices");

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/Login?ReturnUrl=%2FDevices", page.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("not-a-session-id", HttpStatusCode.BadRequest)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", HttpStatusCode.NotFound)]
    public async Task DevicesRevoke_BadOrUnknownId_ReturnsTheRight4xx(string id, HttpStatusCode expected)
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        await ShopBrowser.SignInAsync(browser.Web1, "bob", "bob-pass-1");

        // Act
        var page = await ShopBrowser.SubmitAsync(browser.Web1, "/Devices", "/Devices?handler=Revoke", ("id", id));

        // Assert
        Assert.Equal(expected, page.Status);
        Assert.Contains("form-errors", page.Html, StringComparison.Ordinal);
        Assert.Equal(1, page.Count("this-device"));
    }

    [Fact]
    public async Task DevicesRevoke_SignedOut_RedirectsToSignIn()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        var form = await ShopBrowser.GetAsync(browser.Web1, "/Login");

        // Act
        var page = await ShopBrowser.PostFormAsync(browser.Web1, "/Devices?handler=RevokeOthers", form.AntiforgeryToken);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/Login", page.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_JsonCaller_UnknownPath_Returns404()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("application/json");

        // Act
        using var response = await browser.Web1.SendAsync(request, Token);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> FirstSkuAsync(ShopBrowser browser)
    {
        var catalog = await browser.Api1.GetFromJsonAsync<JsonElement>("/api/catalog", Token);
        return catalog[0].GetProperty("sku").GetString()!;
    }
}
