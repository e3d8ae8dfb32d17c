using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SessionApp.Tests.Api;

/// <summary>The calls the API tests make again and again.</summary>
internal static class ApiClientExtensions
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<HttpResponseMessage> LoginAsync(this HttpClient client, string userName, string password) =>
        await client.PostAsJsonAsync("/api/auth/login", new { userName, password }, Token);

    /// <summary>Signs in and fails the test unless it worked.</summary>
    public static async Task SignInAsync(this HttpClient client, string userName, string password)
    {
        using var response = await client.LoginAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    public static async Task<HttpStatusCode> StatusAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Token);
        return response.StatusCode;
    }

    public static async Task<HttpResponseMessage> AddToCartAsync(this HttpClient client, string sku, int quantity) =>
        await client.PostAsJsonAsync("/api/cart/items", new { sku, quantity }, Token);

    /// <summary>The value of the named cookie the jar would send to <paramref name="address"/>.</summary>
    public static string? Cookie(this CookieContainer cookies, Uri address, string name) =>
        cookies.GetCookies(address)[name]?.Value;
}
