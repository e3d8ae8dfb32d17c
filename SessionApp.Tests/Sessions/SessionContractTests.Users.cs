using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionApp.Sessions.Storage;

namespace SessionApp.Tests.Sessions;

public abstract partial class SessionContractTests
{
    [Fact]
    public async Task RegenerateId_KeepsTheDataAndRejectsTheOldId()
    {
        // Arrange
        await using var app = await StartAppAsync();
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        await PutAsync(client, "k", "kept");
        var oldCookie = cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value;

        // Act
        using var rotated = await client.PostAsync("/rotate", null, Token);
        var newCookie = cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value;
        using var attacker = app.CreateClient(WithSessionCookie(app.Address, oldCookie));

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, rotated.StatusCode);
        Assert.NotEqual(oldCookie, newCookie);
        Assert.Equal("kept", await GetAsync(client, "k"));
        Assert.Null(await GetAsync(attacker, "k"));
    }

    [Fact]
    public async Task ListSessions_OfABoundUser_ShowsEveryDeviceAndMarksTheCurrentOne()
    {
        // Arrange
        await using var app = await StartAppAsync();
        var user = NewUser();
        using var laptop = app.CreateClient();
        using var phone = app.CreateClient();
        laptop.DefaultRequestHeaders.UserAgent.ParseAdd("Laptop/1.0");
        phone.DefaultRequestHeaders.UserAgent.ParseAdd("Phone/2.0");
        await (await laptop.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Token);
        var phoneHandle = await (await phone.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Token);

        // Act
        var sessions = await phone.GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token);

        // Assert
        Assert.Equal(2, sessions!.Length);
        Assert.Equal(["Laptop/1.0", "Phone/2.0"], sessions.Select(s => s.UserAgent).Order());
        var current = Assert.Single(sessions, s => s.IsCurrent);
        Assert.Equal(phoneHandle, current.Handle);
        Assert.Equal("127.0.0.1", current.IpAddress);
    }

    [Fact]
    public async Task ReadEach_AValueInSomeOfAUsersSessions_ReadsItFromEachButTheCurrentOne()
    {
        // Arrange: three devices of one user, two of them holding the value, and another user's session holding it too
        await using var app = await StartAppAsync();
        var user = NewUser();
        using var laptop = app.CreateClient();
        using var phone = app.CreateClient();
        using var tablet = app.CreateClient();
        using var stranger = app.CreateClient();
        var laptopHandle = await (await laptop.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Token);
        await (await phone.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Token);
        await (await tablet.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Token);
        await (await stranger.PostAsync($"/bind/{NewUser()}", null, Token)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Token);
        await PutAsync(laptop, "refresh", "laptop-token");
        await PutAsync(phone, "refresh", "phone-token");
        await PutAsync(stranger, "refresh", "stranger-token");

        // Act: read from the phone, the current session
        var read = await phone.GetFromJsonAsync<string[][]>($"/users/{user}/values/refresh", Token);

        // Assert: the laptop's value with its handle; not the phone's (current), not the tablet (none), not the stranger's
        var only = Assert.Single(read!);
        Assert.Equal([laptopHandle, "laptop-token"], only);
    }

    [Fact]
    public async Task ListSessions_AfterAWrite_ShowsWhenTheSessionWasLastSeen()
    {
        // Arrange: last seen moves with the sliding touch, once at least 1% of the idle timeout has passed
        await using var app = await StartAppAsync(o => o.IdleTimeout = TimeSpan.FromSeconds(4));
        var user = NewUser();
        using var client = app.CreateClient();
        (await client.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode();
        await PutAsync(client, "k", "v0");
        var boundAt = (await client.GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token))![0].LastSeenAt;
        await Task.Delay(TimeSpan.FromMilliseconds(1500), Token);

        // Act: a same-size replacement takes the plain replace path
        await PutAsync(client, "k", "v1");
        var listed = Assert.Single((await client.GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token))!);

        // Assert
        Assert.True(listed.LastSeenAt - boundAt >= TimeSpan.FromSeconds(1), $"last seen {listed.LastSeenAt:O}, bound {boundAt:O}");
        Assert.InRange(listed.ExpiresAt - listed.LastSeenAt, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RevokeOthers_OnOneInstance_EndsTheOtherDevicesOnEveryInstance()
    {
        // Arrange
        await using var first = await StartAppAsync();
        await using var second = await StartAppAsync();
        var user = NewUser();
        var laptopCookies = new CookieContainer();
        var phoneCookies = new CookieContainer();
        using var laptopOnFirst = first.CreateClient(laptopCookies);
        using var laptopOnSecond = second.CreateClient(laptopCookies);
        using var phoneOnFirst = first.CreateClient(phoneCookies);
        using var phoneOnSecond = second.CreateClient(phoneCookies);
        (await laptopOnFirst.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode();
        await PutAsync(laptopOnFirst, "k", "laptop");
        (await phoneOnSecond.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode();
        await PutAsync(phoneOnSecond, "k", "phone");

        // Act
        var revoked = await (await phoneOnFirst.PostAsync($"/users/{user}/revoke-others", null, Token)).Content.ReadFromJsonAsync<int>(Token);

        // Assert
        Assert.Equal(1, revoked);
        Assert.Null(await GetAsync(laptopOnSecond, "k"));
        Assert.Equal("phone", await GetAsync(phoneOnSecond, "k"));
        var remaining = await phoneOnSecond.GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token);
        Assert.True(Assert.Single(remaining!).IsCurrent);
    }

    [Fact]
    public async Task RevokeOne_ByHandle_EndsOnlyThatSession_AndRefusesAnotherUsersHandle()
    {
        // Arrange
        await using var app = await StartAppAsync();
        var user = NewUser();
        using var laptop = app.CreateClient();
        using var phone = app.CreateClient();
        var laptopHandle = await (await laptop.PostAsync($"/bind/{user}", null, Token)).Content.ReadAsStringAsync(Token);
        (await phone.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode();
        await PutAsync(phone, "k", "phone");

        // Act
        using var wrongUser = await phone.DeleteAsync($"/users/{NewUser()}/sessions/{laptopHandle}", Token);
        using var revoked = await phone.DeleteAsync($"/users/{user}/sessions/{laptopHandle}", Token);
        using var again = await phone.DeleteAsync($"/users/{user}/sessions/{laptopHandle}", Token);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, wrongUser.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("phone", await GetAsync(phone, "k"));
    }

    [Fact]
    public async Task BindUser_OverTheCap_EndsTheOldestSessions()
    {
        // Arrange
        await using var app = await StartAppAsync(o => o.MaxSessionsPerUser = 2);
        var user = NewUser();
        var clients = Enumerable.Range(0, 3).Select(_ => app.CreateClient()).ToList();

        // Act
        foreach (var client in clients)
        {
            (await client.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode();
            await PutAsync(client, "k", "live");
            await Task.Delay(20, Token);
        }

        // Assert
        Assert.Null(await GetAsync(clients[0], "k"));
        Assert.Equal("live", await GetAsync(clients[1], "k"));
        Assert.Equal("live", await GetAsync(clients[2], "k"));
        var listed = await clients[2].GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token);
        Assert.Equal(2, listed!.Length);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task ListSessions_AfterSessionsExpire_PrunesTheirIndexEntries()
    {
        // Arrange
        await using var app = await StartAppAsync(o => o.IdleTimeout = TimeSpan.FromMilliseconds(700));
        var user = NewUser();
        using var old = app.CreateClient();
        (await old.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromMilliseconds(1100), Token);
        using var fresh = app.CreateClient();
        (await fresh.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode();

        // Act
        var listed = await fresh.GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token);
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Redis);
        var indexKeys = app.Services.GetRequiredService<RedisSessionStore>().Keys.User(user);
        var indexed = await redis.GetDatabase().SortedSetLengthAsync(indexKeys);

        // Assert
        Assert.True(Assert.Single(listed!).IsCurrent);
        Assert.Equal(1, indexed);
    }

    [Fact]
    public async Task TicketStore_SignInOnOneInstance_AuthenticatesOnAnother_AndRevocationSignsOutEverywhere()
    {
        // Arrange
        await using var first = await StartAppAsync();
        await using var second = await StartAppAsync();
        var user = NewUser();
        var cookies = new CookieContainer();
        using var onFirst = first.CreateClient(cookies);
        using var onSecond = second.CreateClient(cookies);
        using var admin = first.CreateClient();
        (await onFirst.PostAsync($"/signin/{user}", null, Token)).EnsureSuccessStatusCode();
        var whoBefore = await onSecond.GetStringAsync("/whoami", Token);

        // Act
        (await admin.PostAsync($"/users/{user}/revoke-all", null, Token)).EnsureSuccessStatusCode();
        using var afterOnFirst = await onFirst.GetAsync("/whoami", Token);
        using var afterOnSecond = await onSecond.GetAsync("/whoami", Token);

        // Assert
        Assert.Equal(user, whoBefore);
        Assert.Equal(HttpStatusCode.Unauthorized, afterOnFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterOnSecond.StatusCode);
    }

    [Fact]
    public async Task TicketStore_SignInAgainAsAnotherUser_WhileSignedIn_SwitchesUserAndStaysSignedIn()
    {
        // Arrange
        await using var app = await StartAppAsync();
        using var client = app.CreateClient();
        var (first, second) = (NewUser(), NewUser());
        (await client.PostAsync($"/signin/{first}", null, Token)).EnsureSuccessStatusCode();

        // Act
        (await client.PostAsync($"/signin/{second}", null, Token)).EnsureSuccessStatusCode();
        var who = await client.GetStringAsync("/whoami", Token);

        // Assert
        Assert.Equal(second, who);
        Assert.Empty((await client.GetFromJsonAsync<SessionView[]>($"/users/{first}/sessions", Token))!);
        Assert.Single((await client.GetFromJsonAsync<SessionView[]>($"/users/{second}/sessions", Token))!);
    }

    [Fact]
    public async Task TicketStore_RotatingTheIdAfterSignIn_KeepsTheUserSignedIn()
    {
        // Arrange
        await using var app = await StartAppAsync();
        using var client = app.CreateClient();
        var user = NewUser();
        (await client.PostAsync($"/signin/{user}", null, Token)).EnsureSuccessStatusCode();

        // Act
        (await client.PostAsync("/rotate", null, Token)).EnsureSuccessStatusCode();
        var who = await client.GetStringAsync("/whoami", Token);

        // Assert
        Assert.Equal(user, who);
    }

    [Fact]
    public async Task TicketStore_AuthenticationCookieWithoutItsSession_IsNotAccepted()
    {
        // Arrange
        await using var app = await StartAppAsync();
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        (await client.PostAsync($"/signin/{NewUser()}", null, Token)).EnsureSuccessStatusCode();
        var authentication = cookies.GetCookies(app.Address)[".AspNetCore.Cookies"]!;
        var stolen = new CookieContainer();
        stolen.Add(app.Address, new Cookie(authentication.Name, authentication.Value));
        using var thief = app.CreateClient(stolen);

        // Act
        using var response = await thief.GetAsync("/whoami", Token);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TicketStore_SignOut_EndsTheSession()
    {
        // Arrange
        await using var app = await StartAppAsync();
        using var client = app.CreateClient();
        var user = NewUser();
        (await client.PostAsync($"/signin/{user}", null, Token)).EnsureSuccessStatusCode();
        await PutAsync(client, "k", "v");

        // Act
        (await client.PostAsync("/signout", null, Token)).EnsureSuccessStatusCode();
        using var who = await client.GetAsync("/whoami", Token);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, who.StatusCode);
        Assert.Null(await GetAsync(client, "k"));
        Assert.Empty((await client.GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token))!);
    }

    [Fact]
    public async Task Stats_CountUsersAndTheirLiveSessions()
    {
        // Arrange
        await using var app = await StartAppAsync(o => o.KeyPrefix = "stats" + Guid.NewGuid().ToString("N")[..8]);
        using var a1 = app.CreateClient();
        using var a2 = app.CreateClient();
        using var b1 = app.CreateClient();
        var (userA, userB) = (NewUser(), NewUser());
        (await a1.PostAsync($"/bind/{userA}", null, Token)).EnsureSuccessStatusCode();
        (await a2.PostAsync($"/bind/{userA}", null, Token)).EnsureSuccessStatusCode();
        (await b1.PostAsync($"/bind/{userB}", null, Token)).EnsureSuccessStatusCode();
        (await b1.PostAsync("/revoke", null, Token)).EnsureSuccessStatusCode();

        // Act
        var stats = await a1.GetFromJsonAsync<StatsView>("/stats", Token);

        // Assert
        Assert.Equal(new StatsView(1, 2), stats);
    }

    protected static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];

    protected static CookieContainer WithSessionCookie(Uri address, string value)
    {
        var cookies = new CookieContainer();
        cookies.Add(address, new Cookie("sessionapp.sid", value));
        return cookies;
    }

    protected sealed record SessionView(string Handle, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, string? IpAddress, string? UserAgent, bool IsCurrent);

    protected sealed record StatsView(long Users, long Sessions);
}
