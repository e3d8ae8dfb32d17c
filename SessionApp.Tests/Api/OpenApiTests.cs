using System.Net;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>The OpenAPI document the Web engineer and other clients read.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class OpenApiTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task OpenApiDocument_Get_ListsEveryEndpointWithNameSummaryAndTag()
    {
        // Arrange
        await using var api = await ApiInstance.StartAsync(redis.ConnectionString, "api-1", "api-openapi");
        using var client = api.CreateClient(new CookieContainer());
        string[] expected =
        [
            "post /api/auth/login", "post /api/auth/logout", "get /api/auth/me",
            "get /api/session", "get /api/session/items/{key}", "put /api/session/items/{key}", "delete /api/session/items/{key}",
            "get /api/catalog", "get /api/cart", "post /api/cart/items", "delete /api/cart/items/{sku}",
            "get /api/sessions", "delete /api/sessions/{id}", "post /api/sessions/revoke-others",
            "get /api/admin/sessions/stats", "post /api/admin/users/{user}/revoke",
        ];

        // Act
        var document = await client.GetJsonAsync("/openapi/v1.json");

        // Assert
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Key: $"{op.Name} {path.Name}", Operation: op.Value)))
            .ToDictionary(x => x.Key, x => x.Operation);
        Assert.Equal(expected.Order(), operations.Keys.Order());
        Assert.All(operations.Values, operation =>
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("operationId").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
            Assert.NotEqual(0, operation.GetProperty("tags").GetArrayLength());
        });
    }
}
