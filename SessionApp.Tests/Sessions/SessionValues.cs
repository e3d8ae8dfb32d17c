using System.Net;

namespace SessionApp.Tests.Sessions;

/// <summary>Reads and writes one session value through <see cref="SessionTestApp"/>'s endpoints.</summary>
public static class SessionValues
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task PutAsync(HttpClient client, string key, string value)
    {
        using var response = await client.PutAsync($"/values/{key}", new StringContent(value), Token);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>The value, or null when the session does not hold the key.</summary>
    public static async Task<string?> GetAsync(HttpClient client, string key)
    {
        using var response = await client.GetAsync($"/values/{key}", Token);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(Token);
    }
}
