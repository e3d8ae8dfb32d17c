using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>
/// A JSON body the API cannot read, on every JSON endpoint of the real API: always a 4xx problem in the API's own words,
/// naming the field where the JSON says which, never the framework's exception text or a type name.
/// </summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class RequestProblemsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Login = "/api/auth/login";
    private const string Cart = "/api/cart/items";
    private const string Item = "/api/session/items/problems";

    /// <summary>What the framework's messages and .NET's type names hold, and no answer of ours should.</summary>
    private static readonly string[] FrameworkWords =
    [
        "Implicit body", "inferred", "parameter", "Failed to", "Did you mean", "Expected a supported", "The max request body size",
        "Unable to read", "known encoding", "AddCartItemRequest", "LoginRequest", "JsonElement", "Nullable", "Int32", "String",
        "System.", "Microsoft.", "Exception", "LineNumber", "BytePositionInLine",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, int, string?> Cases => new()
    {
        // method, path, what is sent, expected status, the field the problem names (null: none is known)
        { "POST", Login, "malformed", 400, null },
        { "POST", Login, """{"userName":5,"password":"x"}""", 400, "userName" },
        { "POST", Login, """{"userName":"bob","password":["x"]}""", 400, "password" },
        { "POST", Login, "null", 400, null },
        { "POST", Login, "missing", 400, null },
        { "POST", Login, "empty", 400, null },
        { "POST", Login, "text", 415, null },
        { "POST", Login, "huge", 413, null },
        { "POST", Login, "huge-chunked", 413, null },
        { "POST", Login, "ebcdic", 400, null },
        { "POST", Cart, "malformed", 400, null },
        { "POST", Cart, """{"sku":"TEA-GREEN","quantity":"x"}""", 400, "quantity" },
        { "POST", Cart, """{"sku":"TEA-GREEN","quantity":1.5}""", 400, "quantity" },
        { "POST", Cart, """{"sku":7,"quantity":1}""", 400, "sku" },
        { "POST", Cart, "null", 400, null },
        { "POST", Cart, "missing", 400, null },
        { "POST", Cart, "empty", 400, null },
        { "POST", Cart, "text", 415, null },
        { "POST", Cart, "huge", 413, null },
        { "POST", Cart, "huge-chunked", 413, null },
        { "POST", Cart, "ebcdic", 400, null },
        { "PUT", Item, "malformed", 400, null },
        { "PUT", Item, "missing", 400, null },
        { "PUT", Item, "empty", 400, null },
        { "PUT", Item, "text", 415, null },
        { "PUT", Item, "huge", 413, null },
        { "PUT", Item, "huge-chunked", 413, null },
        { "PUT", Item, "ebcdic", 400, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task JsonEndpoint_UnreadableBody_AnswersAProblemInOurOwnWords(string method, string path, string sent, int expected, string? field)
    {
        // Arrange
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = CreateContent(sent) };

        // Act
        using var response = await fixture.Bob.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        // Assert
        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()), text);
        foreach (var words in FrameworkWords)
        {
            Assert.DoesNotContain(words, text, StringComparison.Ordinal);
        }

        if (field is not null)
        {
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors names '{field}': {text}");
        }
    }

    [Theory]
    [InlineData("ebcdic")]
    [InlineData("utf-7")]
    [InlineData("\"utf-8\"")]
    public async Task JsonEndpoint_UnknownCharset_Answers400NamingTheContentTypeAndChangesNothing(string charset)
    {
        // Arrange
        using var client = fixture.Api.CreateClient(new CookieContainer());
        using var request = new HttpRequestMessage(HttpMethod.Post, Cart) { Content = new ByteArrayContent("""{"sku":"TEA-GREEN","quantity":1}"""u8.ToArray()) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

        // Act
        using var response = await client.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        var cart = await client.GetJsonAsync("/api/cart");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("Content-Type", out _), text);
        Assert.Equal(0, cart.GetProperty("totalQuantity").GetInt32());
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("utf-16")]
    [InlineData("iso-8859-1")]
    public async Task JsonEndpoint_KnownCharset_IsRead(string charset)
    {
        // Arrange
        using var client = fixture.Api.CreateClient(new CookieContainer());
        var encoding = Encoding.GetEncoding(charset);
        using var content = new ByteArrayContent(encoding.GetBytes("""{"sku":"TEA-GREEN","quantity":2}"""));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = charset };

        // Act
        using var response = await client.PostAsync(Cart, content, Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpContent? CreateContent(string sent)
    {
        switch (sent)
        {
            case "missing":
                return null;
            case "malformed":
                return new StringContent("{bad json", Encoding.UTF8, "application/json");
            case "empty":
                return new ByteArrayContent([]) { Headers = { ContentType = new("application/json") } };
            case "text":
                return new StringContent("hello", Encoding.UTF8, "text/plain");
            case "huge":
                return new StringContent(JsonSerializer.Serialize(new string('a', 2 * 1024 * 1024)), Encoding.UTF8, "application/json");
            case "huge-chunked":
                // Just over the limit, as BadInputTests sends it (the client must be able to finish writing to read the answer).
                return new ChunkedJsonContent(JsonSerializer.Serialize(new string('a', (1024 * 1024) + (8 * 1024))));
            case "ebcdic":
                var content = new ByteArrayContent("""{"sku":"TEA-GREEN","quantity":1,"userName":"bob","password":"x"}"""u8.ToArray());
                content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=ebcdic");
                return content;
            default:
                return new StringContent(sent, Encoding.UTF8, "application/json");
        }
    }
}
