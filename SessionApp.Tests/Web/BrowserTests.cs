using SessionApp.Tests.Infrastructure;
using System.Net;
using Microsoft.Playwright;

namespace SessionApp.Tests.Web;

/// <summary>A real Chromium on the real shop: sign in, fill the cart, sign another device out; the pages are screenshotted.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class BrowserTests : IAsyncLifetime
{
    private const string FirefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";
    private Shop? _shop;

    private Shop Shop => _shop ?? throw new InvalidOperationException("The shop has not started.");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (Chromium.IsInstalled)
        {
            _shop = await Shop.StartAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_shop is not null)
        {
            await _shop.DisposeAsync();
        }
    }

    [Fact]
    public async Task Devices_SignInFillCartAndRevokeOtherDevice_ListUpdates()
    {
        Assert.SkipUnless(Chromium.IsInstalled, Chromium.SkipReason);

        // Arrange
        using var otherDevice = Shop.CreateBrowser(FirefoxOnWindows);
        using var playwright = await Playwright.CreateAsync().WaitAsync(Chromium.StepTimeout, Token);
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Shop.Web1.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Chromium.StepTimeout.TotalMilliseconds);
        page.SetDefaultNavigationTimeout((float)Chromium.StepTimeout.TotalMilliseconds);

        // Act: a wrong password first, then the right one, on web-1
        await page.GotoAsync("/Login");
        await page.GetByLabel("User name").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("don't match");
        await Screenshots.SaveAsync(page, "login-error");
        await page.GetByLabel("User name").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("alice-pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        // Assert
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Alice");
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("alice");

        // Act: a quantity out of range first, then two teas
        await page.GotoAsync("/Cart");
        await page.GetByLabel("Tea", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Quantity", new() { Exact = true }).FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.Locator("#quantity-error")).ToHaveTextAsync("Enter a quantity from 1 to 99.");
        await Screenshots.SaveAsync(page, "cart-error");
        await page.GetByLabel("Tea", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Quantity", new() { Exact = true }).FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added 2");
        await page.GetByLabel("Tea", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await page.GetByLabel("Quantity", new() { Exact = true }).FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator("[data-testid=cart-table] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("cart-quantity")).ToHaveTextAsync("3");
        await Screenshots.SaveAsync(page, "cart");
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("cart-summary")).ToContainTextAsync("3 items");
        await Screenshots.SaveAsync(page, "home");

        // Arrange: a second device signs in straight on api-2
        await ShopBrowser.SignInOnApiAsync(otherDevice.Api2, "alice", "alice-pass-1");

        // Act: "Your devices" on web-2 (the same browser: cookies do not depend on the port)
        await page.GotoAsync(new Uri(Shop.Web2.Address, "/Devices").ToString());
        var devices = page.GetByTestId("device");
        await Assertions.Expect(devices).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("instance")).ToHaveTextAsync("web-2");
        await Screenshots.SaveAsync(page, "devices-before-revoke");
        var other = page.Locator("[data-testid=device][data-current=false]");
        await Assertions.Expect(other).ToContainTextAsync("Firefox on Windows");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // Assert
        await Assertions.Expect(page.GetByTestId("devices-status")).ToHaveTextAsync("That device is signed out.");
        await Assertions.Expect(devices).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("this-device")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("no-other-devices")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "devices");
        using var me = await otherDevice.Api1.GetAsync(new Uri("/api/auth/me", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Home_RedisStopped_ShowsTheSessionUnavailablePage()
    {
        Assert.SkipUnless(Chromium.IsInstalled, Chromium.SkipReason);

        // Arrange
        using var playwright = await Playwright.CreateAsync().WaitAsync(Chromium.StepTimeout, Token);
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Shop.Web1.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Chromium.StepTimeout.TotalMilliseconds);
        await page.GotoAsync("/Login");
        await page.GetByLabel("User name").FillAsync("bob");
        await page.GetByLabel("Password").FillAsync("bob-pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("bob");
        await Shop.Redis.StopAsync();
        IResponse? response;
        try
        {
            // Act
            response = await page.GotoAsync("/");

            // Assert
            Assert.NotNull(response);
            Assert.Equal(503, response.Status);
            Assert.NotNull(await response.HeaderValueAsync("retry-after"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("We can't reach your session right now");
            await Screenshots.SaveAsync(page, "session-unavailable");
        }
        finally
        {
            await Shop.Redis.StartAsync();
        }
    }
}
