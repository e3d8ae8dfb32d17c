using System.Net;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>Many tabs of one browser adding to the cart at once, spread over two instances: no update is lost.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class CartConcurrencyTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AddItem_TwentyInParallelAcrossTwoInstances_QuantitiesSumExactly()
    {
        // Arrange
        await using var apis = await ApiPair.StartAsync(redis.ConnectionString);
        var (first, second, _) = apis.CreateBrowser();
        await first.SignInAsync("bob", "bob-pass-1");
        using var seed = await first.AddToCartAsync("BISCUITS", 1);

        // Act
        var adds = Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? first : second).AddToCartAsync(i % 4 < 2 ? "TEA-GREEN" : "TEA-BLACK", 1 + (i % 3));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(adds).WaitAsync(ApiInstance.StepTimeout, TestContext.Current.CancellationToken);
        var cart = await second.GetJsonAsync("/api/cart");

        // Assert
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var quantities = cart.GetProperty("items").EnumerateArray()
            .ToDictionary(line => line.GetProperty("sku").GetString()!, line => line.GetProperty("quantity").GetInt32());
        var expectedGreen = Enumerable.Range(0, 20).Where(i => i % 4 < 2).Sum(i => 1 + (i % 3));
        var expectedBlack = Enumerable.Range(0, 20).Where(i => i % 4 >= 2).Sum(i => 1 + (i % 3));
        Assert.Equal(expectedGreen, quantities["TEA-GREEN"]);
        Assert.Equal(expectedBlack, quantities["TEA-BLACK"]);
        Assert.Equal(1, quantities["BISCUITS"]);
        Assert.Equal(expectedGreen + expectedBlack + 1, cart.GetProperty("totalQuantity").GetInt32());
    }
}
