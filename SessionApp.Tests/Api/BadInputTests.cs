using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>Every endpoint given what a client should not send answers the right 4xx as problem details, never a 500.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class BadInputTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Empty = "@empty";
    private const string Huge = "@huge";
    private const string HugeChunked = "@huge-chunked";
    private const string Text = "@text";
    private const string OverValueLimit = "@over-value-limit";
    private const string LongKey = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string UnknownHandle = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, string?, int> Cases => new()
    {
        // who, method, path, body, expected status
        { "anonymous", "POST", "/api/auth/login", "{}", 400 },
        { "anonymous", "POST", "/api/auth/login", """{"userName":"bob"}""", 400 },
        { "anonymous", "POST", "/api/auth/login", """{"password":"bob-pass-1"}""", 400 },
        { "anonymous", "POST", "/api/auth/login", """{"userName":"  ","password":""}""", 400 },
        { "anonymous", "POST", "/api/auth/login", """{"userName":5,"password":"x"}""", 400 },
        { "anonymous", "POST", "/api/auth/login", """{"userName":"bob","password":["x"]}""", 400 },
        { "anonymous", "POST", "/api/auth/login", "{bad json", 400 },
        { "anonymous", "POST", "/api/auth/login", "[]", 400 },
        { "anonymous", "POST", "/api/auth/login", "null", 400 },
        { "anonymous", "POST", "/api/auth/login", Empty, 400 },
        { "anonymous", "POST", "/api/auth/login", Text, 415 },
        { "anonymous", "POST", "/api/auth/login", Huge, 413 },
        { "anonymous", "POST", "/api/auth/login", HugeChunked, 413 },
        { "anonymous", "POST", "/api/auth/login", """{"userName":"nobody","password":"whatever-1"}""", 401 },
        { "anonymous", "GET", "/api/auth/me", null, 401 },
        { "anonymous", "GET", "/api/session/items/" + LongKey, null, 400 },
        { "anonymous", "GET", "/api/session/items/bad%20key", null, 400 },
        { "anonymous", "GET", "/api/session/items/bad$key", null, 400 },
        { "anonymous", "GET", "/api/session/items/absent", null, 404 },
        { "bob", "PUT", "/api/session/items/" + LongKey, "1", 400 },
        { "bob", "PUT", "/api/session/items/bad:key", "1", 400 },
        { "bob", "PUT", "/api/session/items/ok", "{bad json", 400 },
        { "bob", "PUT", "/api/session/items/ok", Empty, 400 },
        { "bob", "PUT", "/api/session/items/ok", Text, 415 },
        { "bob", "PUT", "/api/session/items/ok", Huge, 413 },
        { "bob", "PUT", "/api/session/items/ok", HugeChunked, 413 },
        { "bob", "PUT", "/api/session/items/ok", OverValueLimit, 413 },
        { "bob", "DELETE", "/api/session/items/absent", null, 404 },
        { "bob", "DELETE", "/api/session/items/" + LongKey, null, 400 },
        { "bob", "POST", "/api/cart/items", "{}", 400 },
        { "bob", "POST", "/api/cart/items", """{"sku":"NOPE","quantity":1}""", 400 },
        { "bob", "POST", "/api/cart/items", """{"sku":"TEA-GREEN","quantity":0}""", 400 },
        { "bob", "POST", "/api/cart/items", """{"sku":"TEA-GREEN","quantity":-3}""", 400 },
        { "bob", "POST", "/api/cart/items", """{"sku":"TEA-GREEN","quantity":100}""", 400 },
        { "bob", "POST", "/api/cart/items", """{"sku":"TEA-GREEN","quantity":"x"}""", 400 },
        { "bob", "POST", "/api/cart/items", """{"sku":"TEA-GREEN","quantity":1.5}""", 400 },
        { "bob", "POST", "/api/cart/items", """{"sku":"TEA-GREEN","quantity":99999999999}""", 400 },
        { "bob", "POST", "/api/cart/items", """{"sku":7,"quantity":1}""", 400 },
        { "bob", "POST", "/api/cart/items", "{bad json", 400 },
        { "bob", "POST", "/api/cart/items", Empty, 400 },
        { "bob", "POST", "/api/cart/items", Huge, 413 },
        { "bob", "DELETE", "/api/cart/items/NOPE", null, 404 },
        { "anonymous", "GET", "/api/sessions", null, 401 },
        { "anonymous", "DELETE", "/api/sessions/" + UnknownHandle, null, 401 },
        { "anonymous", "POST", "/api/sessions/revoke-others", null, 401 },
        { "bob", "DELETE", "/api/sessions/too-short", null, 400 },
        { "bob", "DELETE", "/api/sessions/" + UnknownHandle, null, 404 },
        { "anonymous", "GET", "/api/admin/sessions/stats", null, 401 },
        { "bob", "GET", "/api/admin/sessions/stats", null, 403 },
        { "anonymous", "POST", "/api/admin/users/bob/revoke", null, 401 },
        { "bob", "POST", "/api/admin/users/alice/revoke", null, 403 },
        { "alice", "POST", "/api/admin/users/bad$name/revoke", null, 400 },
        { "anonymous", "GET", "/api/no-such-endpoint", null, 404 },
        { "anonymous", "POST", "/api/catalog", "{}", 405 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_BadInput_AnswersProblemDetailsWithTheRight4xx(string who, string method, string path, string? body, int expected)
    {
        // Arrange
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = CreateContent(body) };

        // Act
        using var response = await fixture.For(who).SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        // Assert
        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(expected, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/api/session/items/" + LongKey, "PUT", "key")]
    [InlineData("/api/cart/items", "POST", "sku")]
    public async Task Endpoint_InvalidField_NamesTheFieldInValidationProblem(string path, string method, string field)
    {
        // Arrange
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = JsonContent.Create(new { sku = "NOPE", quantity = 1 }),
        };

        // Act
        using var response = await fixture.Bob.SendAsync(request, Token);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors names '{field}'");
    }

    [Fact]
    public async Task AddItem_OverNinetyNineInTheCart_Answers400QuantityAndKeepsTheCart()
    {
        // Arrange
        using var client = fixture.Api.CreateClient(new CookieContainer());
        using var first = await client.AddToCartAsync("HONEY-JAR", 60);

        // Act
        using var response = await client.AddToCartAsync("HONEY-JAR", 40);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _));
        var cart = await client.GetJsonAsync("/api/cart");
        Assert.Equal(60, cart.GetProperty("totalQuantity").GetInt32());
    }

    public static TheoryData<string, byte[]> UnreadableValues => new()
    {
        { "invalid UTF-8 string", [(byte)'"', 0xFF, (byte)'"'] },
        { "invalid UTF-8 in a nested string", [.. "{\"a\":[\"ok\",\""u8, 0xC3, 0x28, .. "\"]}"u8] },
        { "invalid UTF-8 property name", [.. "{\""u8, 0xFE, .. "\":1}"u8] },
        { "lone high surrogate", "\"\\ud800\""u8.ToArray() },
        { "lone low surrogate in an array", "[\"x\\udc00y\"]"u8.ToArray() },
        { "reversed pair in a property name", "{\"\\udc00\\ud800\":true}"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(UnreadableValues))]
    public async Task PutItem_UnreadableText_Answers400ProblemAndStoresNothing(string what, byte[] body)
    {
        // Arrange
        var key = "unreadable-" + Guid.NewGuid().ToString("N")[..8];
        using var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };

        // Act
        using var put = await fixture.Bob.PutAsync("/api/session/items/" + key, content, Token);
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>(Token);
        var read = await fixture.Bob.StatusAsync("/api/session/items/" + key);

        // Assert
        Assert.True(put.StatusCode == HttpStatusCode.BadRequest, $"{what}: answered {(int)put.StatusCode}");
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, read);
    }

    [Fact]
    public async Task PutItem_ValidSurrogatePairAndEscapes_RoundTrips()
    {
        // Arrange
        using var content = new ByteArrayContent("{\"tea\":\"\\ud83c\\udf75 \u00e9\\n\"}"u8.ToArray()) { Headers = { ContentType = new("application/json") } };

        // Act
        using var put = await fixture.Bob.PutAsync("/api/session/items/emoji", content, Token);
        var item = await fixture.Bob.GetJsonAsync("/api/session/items/emoji");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("\U0001F375 \u00e9\n", item.GetProperty("value").GetProperty("tea").GetString());
    }

    [Theory]
    [InlineData("/api/auth/login", "userName")]
    [InlineData("/api/cart/items", "sku")]
    public async Task TypedBody_InvalidUtf8String_Answers400Problem(string path, string field)
    {
        // Arrange
        byte[] body = [.. "{\""u8, .. System.Text.Encoding.ASCII.GetBytes(field), .. "\":\""u8, 0xFF, .. "\",\"password\":\"x\",\"quantity\":1}"u8];
        using var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };

        // Act
        using var response = await fixture.Anonymous.PostAsync(path, content, Token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static HttpContent? CreateContent(string? body) => body switch
    {
        null => null,
        Empty => new ByteArrayContent([]) { Headers = { ContentType = new("application/json") } },
        Text => new StringContent("hello", Encoding.UTF8, "text/plain"),
        Huge => new StringContent(JsonSerializer.Serialize(new string('a', 2 * 1024 * 1024)), Encoding.UTF8, "application/json"),
        // Just over the API's 1 MiB limit: it stops reading there and closes the connection after its 413, and what the
        // client has not sent by then must fit in the socket's buffers, or its write fails (broken pipe) before it
        // reads the answer; 2 MiB did, now and then, on a busy machine.
        HugeChunked => new ChunkedJsonContent(JsonSerializer.Serialize(new string('a', (1024 * 1024) + (8 * 1024)))),
        OverValueLimit => new StringContent(JsonSerializer.Serialize(new string('a', 100 * 1024)), Encoding.UTF8, "application/json"),
        _ => new StringContent(body, Encoding.UTF8, "application/json"),
    };
}
