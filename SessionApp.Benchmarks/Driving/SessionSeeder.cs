using Microsoft.Net.Http.Headers;

namespace SessionApp.Benchmarks.Driving;

/// <summary>Creates the sessions the load rotates over: one /seed request each, keeping the cookie it sets.</summary>
internal static class SessionSeeder
{
    private const int Parallelism = 8;

    public static async Task<IReadOnlyList<string>> SeedAsync(Uri address, int count, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var cookies = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            using var response = await client.GetAsync(new Uri("/seed", UriKind.Relative), token);
            response.EnsureSuccessStatusCode();
            cookies[i] = CookieOf(response) ?? throw new InvalidOperationException("/seed answered without a session cookie.");
        });

        // One /work per variant before the load: it must find the session it was given.
        using var check = new HttpRequestMessage(HttpMethod.Get, new Uri("/work", UriKind.Relative));
        check.Headers.Add(HeaderNames.Cookie, cookies[0]);
        using var checkResponse = await client.SendAsync(check, cancellationToken);
        if (!checkResponse.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"/work with a seeded cookie answered {(int)checkResponse.StatusCode}.");
        }

        return cookies;
    }

    /// <summary>The <c>name=value</c> of the first cookie the response sets.</summary>
    internal static string? CookieOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderNames.SetCookie, out var values) && SetCookieHeaderValue.TryParse(values.First(), out var cookie)
            ? $"{cookie.Name}={cookie.Value}"
            : null;
}
