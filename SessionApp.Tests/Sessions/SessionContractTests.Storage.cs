using System.Net;
using System.Net.Http.Json;
using SessionApp.Sessions.Storage;

namespace SessionApp.Tests.Sessions;

/// <summary>How a session is stored: under a 25-character handle, its user and client inside its one metadata field.</summary>
public abstract partial class SessionContractTests
{
    [Fact]
    public async Task ABoundSession_IsStoredUnderA25CharacterHandle_WithItsUserAndClientInOneField()
    {
        // Arrange
        await using var app = await StartAppAsync();
        var user = NewUser();
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Laptop/1.0");

        // Act
        var handle = await (await client.PostAsync($"/bind/{user}", null, Token)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(Token);
        await PutAsync(client, "k", "v");
        var sessions = await client.GetFromJsonAsync<SessionView[]>($"/users/{user}/sessions", Token);

        // Assert
        var id = cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value;
        Assert.Equal(SessionIds.ToHandle(id), handle);
        Assert.Equal(25, handle.Length);
        await using var redis = await ConnectRedisAsync();
        var fields = await redis.GetDatabase().HashGetAllAsync(SessionKey(handle));
        Assert.Equal(["_m", "d:k"], fields.Select(static field => (string)field.Name!).Order());
        Assert.True(SessionRecord.TryParseMetadataField((byte[])fields.Single(static field => field.Name == "_m").Value!, out _, out var owner));
        Assert.Equal((user, "127.0.0.1\nLaptop/1.0"), owner);
        var listed = Assert.Single(sessions!);
        Assert.Equal((handle, "127.0.0.1", "Laptop/1.0"), (listed.Handle, listed.IpAddress, listed.UserAgent));
    }
}
