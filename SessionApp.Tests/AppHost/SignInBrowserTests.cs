using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SessionApp.Tests.Web;

namespace SessionApp.Tests.AppHost;

/// <summary>
/// Real Chromium on the real topology, whose access tokens live a few seconds: sign-in at the identity provider
/// through the gateway, one cart on every web replica, a refresh past the access token's expiry, a sign-out that ends
/// the provider's session too, and "sign out all other devices" for a second browser. What the provider did is read
/// from its own log (events 4 SignedOut and 7 TokensIssued).
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class SignInBrowserTests(SignInBrowserTests.ShortTokensTopology topology, ITestOutputHelper output)
    : IClassFixture<SignInBrowserTests.ShortTokensTopology>
{
    /// <summary>How long the provider's access tokens live here (5 minutes by default).</summary>
    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(6);

    /// <summary>How long before the access token expires api and web refresh it (a minute by default).</summary>
    private static readonly TimeSpan RefreshBefore = TimeSpan.FromSeconds(2);

    /// <summary>Page loads to see both web replicas; the gateway balances per request, so 20 miss one with odds below 2^-19.</summary>
    private const int MaxReloads = 20;

    private DistributedApplication App => topology.App;

    private Uri Gateway => App.GetEndpoint("gateway", "http");

    private Uri Identity => App.GetEndpoint("identity", "http");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Browser_SignInCartWaitAndSignOut_SignedInThroughProviderOnEveryReplicaRefreshedAndSignedOutThere()
    {
        Assert.SkipUnless(Chromium.IsInstalled, Chromium.SkipReason);

        // Arrange
        using var playwright = await Playwright.CreateAsync().WaitAsync(Chromium.StepTimeout, Token);
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await NewPageAsync(browser);

        // Act: the gateway's /Login sends the browser to the provider's sign-in page
        await page.GotoAsync("/Login");

        // Assert
        await Assertions.Expect(page).ToHaveURLAsync(StartsWith(Identity));
        await Screenshots.SaveAsync(page, "provider-sign-in");

        // Act: the provider's answer comes back through the gateway
        await page.GetByLabel("User name").FillAsync(TestTopology.UserName);
        await page.GetByLabel("Password").FillAsync(TestTopology.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        // Assert
        await Assertions.Expect(page).ToHaveURLAsync(StartsWith(Gateway));
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync(TestTopology.UserName);
        await Screenshots.SaveAsync(page, "provider-signed-in");

        // Act: a tea in the cart, then the home page and the cart again until both web replicas have served them
        await page.GotoAsync("/Cart");
        await page.GetByLabel("Tea", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Quantity", new() { Exact = true }).FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added 2");
        var instances = new HashSet<string>();
        for (var i = 0; i < MaxReloads && instances.Count < 2; i++)
        {
            var home = i % 2 == 0;
            await page.GotoAsync(home ? "/" : "/Cart");
            await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync(TestTopology.UserName);
            await Assertions.Expect(home ? page.GetByTestId("cart-summary") : page.GetByTestId("cart-quantity")).ToHaveTextAsync(home ? new Regex("^2 items, ") : new Regex("^2$"));
            instances.Add(await page.GetByTestId("instance").InnerTextAsync());
        }

        // Assert
        output.WriteLine($"web replicas that served the cart: {string.Join(", ", instances)}");
        Assert.Equal(TestTopology.Replicas(App, "web").Keys.Order(), instances.Order());

        // Act: the browser idles past the access token's lifetime (the scenario, not a timing assertion), then loads a page
        await Task.Delay(AccessTokenLifetime + TimeSpan.FromSeconds(1), Token);
        var idled = topology.IdentityLogLength;
        await page.GotoAsync("/");

        // Assert: still signed in, because the provider refreshed the tokens
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync(TestTopology.UserName);
        Assert.True(await topology.WaitForIdentityLogAsync(line => IsRefreshOf(line, TestTopology.UserName), idled) >= 0, "the provider issued tokens to alice for a refresh_token grant");

        // Act: sign out from the header
        var navigations = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest)
            {
                // Without the query: the end-session address carries the id token as its hint.
                navigations.Add(new Uri(request.Url).GetLeftPart(UriPartial.Path));
            }
        };
        var beforeSignOut = topology.IdentityLogLength;
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        // Assert: through the provider's end-session endpoint back to the shop's home page, signed out
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(Origin(Gateway)) + "/$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "provider-signed-out");
        output.WriteLine(string.Join(Environment.NewLine, navigations));
        Assert.Contains(navigations, url => url == Origin(Identity) + "/connect/logout");
        Assert.True(
            await topology.WaitForIdentityLogAsync(line => line.Contains($"User {TestTopology.UserName} signed out at the provider.", StringComparison.Ordinal), beforeSignOut) >= 0,
            "the provider logged alice's sign-out");

        // Act: sign in again
        await page.GotoAsync("/Login");

        // Assert: the provider asks for the password again: its session ended, no silent sign-in
        await Assertions.Expect(page).ToHaveURLAsync(StartsWith(Identity));
        await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Devices_SignOutAllOtherDevices_OtherBrowserSignedOutAndItsSessionNeverRefreshedAgain()
    {
        Assert.SkipUnless(Chromium.IsInstalled, Chromium.SkipReason);

        // Arrange: bob signs in from two browsers (each its own cookies, its own session at the provider)
        const string bob = "bob";
        using var playwright = await Playwright.CreateAsync().WaitAsync(Chromium.StepTimeout, Token);
        await using var browser = await Chromium.LaunchAsync(playwright);
        var first = await NewPageAsync(browser);
        var second = await NewPageAsync(browser);
        await SignInAsync(first, bob, "bob-pass-1");
        await SignInAsync(second, bob, "bob-pass-1");
        await first.GotoAsync("/Devices");
        await Assertions.Expect(first.GetByTestId("device")).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(first, "provider-devices-before-revoke");

        // Act: the first browser signs out every other device
        await first.GetByRole(AriaRole.Button, new() { Name = "Sign out all other devices" }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("devices-status")).ToHaveTextAsync("Signed out 1 other device.");
        await Assertions.Expect(first.GetByTestId("no-other-devices")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(first, "provider-devices-after-revoke");

        // The first browser, still signed in, goes quiet (its own refreshes are bob's too); a bystander's sign-in
        // marks in the provider's log where everything before the revoke has been logged.
        await first.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await first.Context.CloseAsync();
        var revoked = await BystanderSignInAsync();
        await second.GotoAsync("/");
        var nextPageSignedOut = await second.GetByTestId("user-name").CountAsync() == 0;
        await Task.Delay(AccessTokenLifetime + TimeSpan.FromSeconds(1), Token);
        await second.GotoAsync("/");
        await Screenshots.SaveAsync(second, "provider-other-device-signed-out");
        var laterSignedOut = await second.GetByTestId("user-name").CountAsync() == 0;
        var done = await BystanderSignInAsync();

        // Assert: the second browser's very next page is signed out and stays so past its access token's lifetime,
        // and the provider issued bob no tokens for a refresh_token grant in between
        Assert.True(nextPageSignedOut, "the other browser's next page is signed out");
        await Assertions.Expect(second.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        Assert.True(laterSignedOut, "the other browser stays signed out past its access token's lifetime");
        output.WriteLine($"bob's refreshes at the provider before the revoke: {topology.CountIdentityLog(line => IsRefreshOf(line, bob), -1, revoked)}");
        Assert.Equal(0, topology.CountIdentityLog(line => IsRefreshOf(line, bob), revoked, done));
    }

    /// <summary>Signs <paramref name="userName"/> in at the provider's sign-in page, from the gateway's /Login back to its home page.</summary>
    private async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/Login");
        await Assertions.Expect(page).ToHaveURLAsync(StartsWith(Identity));
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync(userName);
    }

    /// <summary>
    /// Signs alice in through the gateway with a client of its own, and returns where the provider logged the tokens
    /// it issued her: every line logged before this call started comes before that index.
    /// </summary>
    private async Task<int> BystanderSignInAsync()
    {
        var from = topology.IdentityLogLength;
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            Timeout = TestTopology.StepTimeout,
        };
        var (status, address, throughProvider) = await SessionApp.Smoke.ProviderSignIn.SignInAsync(client, Gateway, TestTopology.UserName, TestTopology.Password, Token);
        Assert.True(status == HttpStatusCode.OK && throughProvider, $"the bystander signed in through the provider (ended with {status} at {address})");
        var issued = await topology.WaitForIdentityLogAsync(
            line => line.Contains($"Tokens issued to {TestTopology.UserName} for client", StringComparison.Ordinal) && line.Contains("(authorization_code)", StringComparison.Ordinal),
            from);
        Assert.True(issued >= 0, "the provider logged the tokens it issued the bystander");
        return issued;
    }

    private async Task<IPage> NewPageAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Gateway.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Chromium.StepTimeout.TotalMilliseconds);
        page.SetDefaultNavigationTimeout((float)Chromium.StepTimeout.TotalMilliseconds);
        return page;
    }

    /// <summary>The provider's event 7, TokensIssued, for a refresh of <paramref name="userName"/>'s tokens.</summary>
    private static bool IsRefreshOf(string line, string userName) =>
        line.Contains($"Tokens issued to {userName} for client", StringComparison.Ordinal) && line.Contains("(refresh_token)", StringComparison.Ordinal);

    private static string Origin(Uri address) => address.GetLeftPart(UriPartial.Authority);

    private static Regex StartsWith(Uri site) => new("^" + Regex.Escape(Origin(site)) + "/");

    /// <summary>
    /// The AppHost's topology with access tokens of <see cref="AccessTokenLifetime"/>, refreshed
    /// <see cref="RefreshBefore"/> before they expire, and the identity provider's console log collected as it is written.
    /// </summary>
    public sealed class ShortTokensTopology : IAsyncLifetime
    {
        private readonly List<string> _identityLog = [];
        private readonly CancellationTokenSource _stopping = new();
        private DistributedApplication? _app;
        private Task _watching = Task.CompletedTask;

        public DistributedApplication App => _app ?? throw new InvalidOperationException("The topology has not started.");

        /// <summary>How many lines the identity provider has logged so far.</summary>
        public int IdentityLogLength
        {
            get
            {
                lock (_identityLog)
                {
                    return _identityLog.Count;
                }
            }
        }

        public async ValueTask InitializeAsync()
        {
            if (!Chromium.IsInstalled)
            {
                return;
            }

            var builder = await TestTopology.CreateBuilderAsync();
            builder.CreateResourceBuilder<ProjectResource>("identity")
                .WithEnvironment("Identity__AccessTokenLifetime", AccessTokenLifetime.ToString("c", CultureInfo.InvariantCulture));
            foreach (var service in new[] { "api", "web" })
            {
                builder.CreateResourceBuilder<ProjectResource>(service)
                    .WithEnvironment("Authentication__Oidc__RefreshBefore", RefreshBefore.ToString("c", CultureInfo.InvariantCulture));
            }

            _app = await TestTopology.StartAsync(builder);
            var identity = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "identity");
            var logs = _app.Services.GetRequiredService<ResourceLoggerService>();
            _watching = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in logs.WatchAsync(identity).WithCancellation(_stopping.Token))
                    {
                        lock (_identityLog)
                        {
                            _identityLog.AddRange(batch.Select(line => line.Content));
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The tests are done.
                }
            }, CancellationToken.None);
        }

        /// <summary>
        /// Waits, at most <see cref="TestTopology.StepTimeout"/>, for a line at or after index <paramref name="from"/>
        /// that <paramref name="match"/>es; its index, or -1.
        /// </summary>
        public async Task<int> WaitForIdentityLogAsync(Func<string, bool> match, int from)
        {
            var deadline = DateTime.UtcNow + TestTopology.StepTimeout;
            while (true)
            {
                lock (_identityLog)
                {
                    var found = _identityLog.FindIndex(from, line => match(line));
                    if (found >= 0)
                    {
                        return found;
                    }
                }

                if (DateTime.UtcNow > deadline)
                {
                    return -1;
                }

                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        /// <summary>How many lines between the indexes <paramref name="after"/> and <paramref name="before"/> <paramref name="match"/>.</summary>
        public int CountIdentityLog(Func<string, bool> match, int after, int before)
        {
            lock (_identityLog)
            {
                return _identityLog.Skip(after + 1).Take(before - after - 1).Count(match);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync();
            await _watching.WaitAsync(TestTopology.StepTimeout);
            _stopping.Dispose();
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
