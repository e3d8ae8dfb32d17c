using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using SessionApp.Tests.Api;
using SessionApp.Tests.Infrastructure;
using SessionApp.Tests.ServiceDefaults;

namespace SessionApp.Tests.Web;

/// <summary>
/// A real Chromium, signed in to the shop, opens a page of a sibling origin (another port of the same host: the same
/// site, so the browser sends the shop's SameSite=Lax cookies with its requests) whose script calls the API's
/// state-changing endpoints. Nothing changes; the shop's own pages still work and break no content security policy.
/// </summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class SiblingOriginBrowserTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SiblingOriginPage_PostsToTheApiWithTheUsersCookies_SignsNoDeviceOut()
    {
        Assert.SkipUnless(Chromium.IsInstalled, Chromium.SkipReason);

        // Arrange: bob on a second device, and on Chromium through the shop's sign-in page
        var api = fixture.Shop.Api1.Address.GetLeftPart(UriPartial.Authority);
        using var otherDevice = fixture.Shop.CreateBrowser();
        await ShopBrowser.SignInOnApiAsync(otherDevice.Api1, "bob", "bob-pass-1");
        await using var sibling = await PlainApp.StartAsync(app => app.MapGet("/", () => Results.Content(AttackPage(api), "text/html")));
        using var playwright = await Playwright.CreateAsync().WaitAsync(Chromium.StepTimeout, Token);
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Shop.Web1.Address.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Chromium.StepTimeout.TotalMilliseconds);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        await page.GotoAsync("/Login");
        await page.GetByLabel("User name").FillAsync("bob");
        await page.GetByLabel("Password").FillAsync("bob-pass-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("bob");

        // Act
        await page.GotoAsync(sibling.Urls.Single());
        await Assertions.Expect(page.Locator("#done")).ToHaveTextAsync("done");
        await page.GotoAsync("/Devices");

        // Assert
        Assert.Equal(HttpStatusCode.OK, await otherDevice.Api1.StatusAsync("/api/auth/me"));
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("bob");
        await Assertions.Expect(page.GetByTestId("device")).ToHaveCountAsync(2);
        Assert.Empty(violations);
    }

    /// <summary>What a page elsewhere would do with a user's cookies: no-cors requests need no preflight.</summary>
    private static string AttackPage(string api) => $$"""
        <!DOCTYPE html>
        <html><body><p id="done">working</p>
        <script>
          const send = (method, path) => fetch('{{api}}' + path, { method, mode: 'no-cors', credentials: 'include' }).catch(() => null);
          (async () => {
            await send('POST', '/api/sessions/revoke-others');
            await send('POST', '/api/auth/logout');
            document.getElementById('done').textContent = 'done';
          })();
        </script></body></html>
        """;
}
