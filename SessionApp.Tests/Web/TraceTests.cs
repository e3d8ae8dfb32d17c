using SessionApp.Tests.Infrastructure;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace SessionApp.Tests.Web;

/// <summary>A page, the API calls it makes and the session loads behind both are one trace.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class TraceTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private static readonly TimeSpan CollectTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Home_SignedIn_PageApiCallsAndSessionLoadsShareOneTrace()
    {
        // Arrange
        using var browser = fixture.Shop.CreateBrowser();
        await ShopBrowser.SignInAsync(browser.Web1, "bob", "bob-pass-1");
        using var root = new Activity("web-trace-test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var traceId = root.TraceId;
        var recorded = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "System.Net.Http" or "SessionApp.Sessions",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    recorded.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        // Act
        var page = await ShopBrowser.GetAsync(browser.Web1, "/");
        var paths = await CollectServerPathsAsync(recorded, ["/", "/api/auth/me", "/api/session", "/api/cart"]);

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Superset(new HashSet<string> { "/", "/api/auth/me", "/api/session", "/api/cart" }, paths);
        Assert.Contains(recorded, activity => activity.Source.Name == "System.Net.Http" && activity.Kind == ActivityKind.Client);
        Assert.Contains(recorded, activity => activity.Source.Name == "SessionApp.Sessions" && activity.OperationName == "session.load");
    }

    private static async Task<HashSet<string>> CollectServerPathsAsync(ConcurrentQueue<Activity> recorded, string[] expected)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var paths = recorded
                .Where(activity => activity.Source.Name == "Microsoft.AspNetCore")
                .Select(activity => activity.GetTagItem("url.path") as string)
                .OfType<string>()
                .ToHashSet();
            if (expected.All(paths.Contains) || TimeProvider.System.GetElapsedTime(started) > CollectTimeout)
            {
                return paths;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
