using System.Net;
using System.Net.Http.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>Sign-in, who-am-I and sign-out against the real API on two instances over one real redis-server.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class AuthApiTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string SessionCookie = "sessionapp.sid";
    private const string AuthCookie = "sessionapp.auth";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_AfterAnonymousData_RotatesSessionIdAndKeepsTheData()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (client, _, cookies) = apis.CreateBrowser();
        using var put = await client.PutAsJsonAsync("/api/session/items/note", new { text = "before" }, Token);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        var before = cookies.Cookie(apis.First.Address, SessionCookie);
        var handleBefore = (await client.GetJsonAsync("/api/session")).GetProperty("id").GetString();

        // Act
        using var login = await client.LoginAsync("alice", "alice-pass-1");
        var user = await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("alice", user.GetProperty("userName").GetString());
        Assert.Equal("Alice Admin", user.GetProperty("displayName").GetString());
        Assert.Equal(["admin"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("api-1", user.GetProperty("instance").GetString());
        var after = cookies.Cookie(apis.First.Address, SessionCookie);
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.NotEqual(before, after);
        var item = await client.GetJsonAsync("/api/session/items/note");
        Assert.Equal("before", item.GetProperty("value").GetProperty("text").GetString());
        var session = await client.GetJsonAsync("/api/session");
        Assert.NotEqual(handleBefore, session.GetProperty("id").GetString());
        Assert.Equal("alice", session.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Me_SignedInOnOneInstance_AnswersOnTheOther()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (first, second, _) = apis.CreateBrowser();
        await first.SignInAsync("bob", "bob-pass-1");

        // Act
        using var response = await second.GetAsync("/api/auth/me", Token);
        var me = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bob", me.GetProperty("userName").GetString());
        Assert.Equal("Bob Buyer", me.GetProperty("displayName").GetString());
        Assert.Empty(me.GetProperty("roles").EnumerateArray());
        Assert.Equal("api-2", me.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Me_Anonymous_Answers401Problem()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (client, _, _) = apis.CreateBrowser();

        // Act
        using var response = await client.GetAsync("/api/auth/me", Token);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Login_WrongPassword_Answers401Problem()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (client, _, _) = apis.CreateBrowser();

        // Act
        using var response = await client.LoginAsync("bob", "not-bobs-password");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, await client.StatusAsync("/api/auth/me"));
    }

    [Fact]
    public async Task Logout_SignedIn_EndsTheSessionAndTheOldCookiesAreRejected()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (client, _, cookies) = apis.CreateBrowser();
        await client.SignInAsync("bob", "bob-pass-1");
        var oldSession = cookies.Cookie(apis.First.Address, SessionCookie);
        var oldAuth = cookies.Cookie(apis.First.Address, AuthCookie);

        // Act
        using var logout = await client.PostAsync("/api/auth/logout", null, Token);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await client.StatusAsync("/api/auth/me"));
        var replay = new CookieContainer();
        replay.Add(apis.Second.Address, new Cookie(SessionCookie, oldSession));
        replay.Add(apis.Second.Address, new Cookie(AuthCookie, oldAuth));
        using var replayed = apis.Second.CreateClient(replay);
        Assert.Equal(HttpStatusCode.Unauthorized, await replayed.StatusAsync("/api/auth/me"));
    }

    [Fact]
    public async Task Login_FiveFailuresAcrossInstances_Answers429WithRetryAfterOnEither()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (first, second, _) = apis.CreateBrowser();
        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await (i % 2 == 0 ? first : second).LoginAsync(i % 2 == 0 ? "bob" : "BOB", "wrong-password");
            failures.Add(failed.StatusCode);
        }

        // Act
        using var onFirst = await first.LoginAsync("bob", "bob-pass-1");
        using var onSecond = await second.LoginAsync("bob", "wrong-password");
        using var otherUser = await first.LoginAsync("alice", "alice-pass-1");

        // Assert
        Assert.All(failures, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        foreach (var response in new[] { onFirst, onSecond })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        }

        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
    }

    [Fact]
    public async Task Login_SuccessAfterFourFailures_ResetsTheCounter()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (client, _, _) = apis.CreateBrowser();
        for (var i = 0; i < 4; i++)
        {
            using var failed = await client.LoginAsync("bob", "wrong-password");
        }

        await client.SignInAsync("bob", "bob-pass-1");

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.LoginAsync("bob", "wrong-password");
            statuses.Add(failed.StatusCode);
        }

        // Assert
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
    }

    [Fact]
    public async Task Login_AnotherUserOnTheSameBrowser_StartsAFreshSessionWithoutThePreviousUsersData()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (client, _, _) = apis.CreateBrowser();
        var (_, aliceElsewhere, _) = apis.CreateBrowser();
        await client.SignInAsync("alice", "alice-pass-1");
        await aliceElsewhere.SignInAsync("alice", "alice-pass-1");
        using var put = await client.PutAsJsonAsync("/api/session/items/secret", "alice's", Token);

        // Act
        await client.SignInAsync("bob", "bob-pass-1");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusAsync("/api/session/items/secret"));
        Assert.Equal("bob", (await client.GetJsonAsync("/api/auth/me")).GetProperty("userName").GetString());
        var alicesDevices = await aliceElsewhere.GetJsonAsync("/api/sessions");
        Assert.Equal(1, alicesDevices.GetArrayLength());
    }

    [Fact]
    public async Task Login_SameUserAgainWhileSignedIn_StaysSignedInWithTheDataOnEveryInstance()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (first, second, cookies) = apis.CreateBrowser();
        await first.SignInAsync("bob", "bob-pass-1");
        using var added = await first.AddToCartAsync("TEA-GREEN", 4);
        var before = cookies.Cookie(apis.First.Address, SessionCookie);

        // Act
        await second.SignInAsync("BOB", "bob-pass-1");

        // Assert
        Assert.NotEqual(before, cookies.Cookie(apis.First.Address, SessionCookie));
        Assert.Equal("bob", (await first.GetJsonAsync("/api/auth/me")).GetProperty("userName").GetString());
        Assert.Equal(4, (await second.GetJsonAsync("/api/cart")).GetProperty("totalQuantity").GetInt32());
        Assert.Equal(1, (await first.GetJsonAsync("/api/sessions")).GetArrayLength());
    }

    [Fact]
    public async Task Login_TwelveParallelGuessesAcrossInstances_OnlyFiveAreChecked()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (first, second, _) = apis.CreateBrowser();

        // Act
        var guesses = Enumerable.Range(0, 12).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? first : second).LoginAsync("alice", $"guess-{i}");
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(guesses).WaitAsync(ApiInstance.StepTimeout, Token);

        // Assert
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
