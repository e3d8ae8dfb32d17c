using System.Globalization;
using System.Text.Json;

namespace SessionApp.Web.Api;

/// <summary>
/// The typed client of SessionApp.Api at <c>http://api</c> (service discovery). Every call carries the browser's
/// cookies and relays the cookies the API sets (<see cref="ApiCookieHandler"/>), so the API sees the same session
/// and the same sign-in as this front end. 4xx answers come back as <see cref="ApiResult{T}"/> failures;
/// an unreachable API or a 5xx throws <see cref="ApiUnavailableException"/>.
/// </summary>
public sealed class ApiClient
{
    private readonly HttpClient _http;

    public ApiClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
    }

    public Task<ApiResult<SignedInUser>> LoginAsync(LoginRequest request, CancellationToken cancellationToken) =>
        SendAsync<SignedInUser>(HttpMethod.Post, "api/auth/login", request, cancellationToken);

    public Task<ApiResult<bool>> LogoutAsync(CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Post, "api/auth/logout", null, cancellationToken);

    public Task<ApiResult<SignedInUser>> GetMeAsync(CancellationToken cancellationToken) =>
        SendAsync<SignedInUser>(HttpMethod.Get, "api/auth/me", null, cancellationToken);

    public Task<ApiResult<SessionSummary>> GetSessionAsync(CancellationToken cancellationToken) =>
        SendAsync<SessionSummary>(HttpMethod.Get, "api/session", null, cancellationToken);

    public Task<ApiResult<IReadOnlyList<CatalogProduct>>> GetCatalogAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<CatalogProduct>>(HttpMethod.Get, "api/catalog", null, cancellationToken);

    public Task<ApiResult<Cart>> GetCartAsync(CancellationToken cancellationToken) =>
        SendAsync<Cart>(HttpMethod.Get, "api/cart", null, cancellationToken);

    public Task<ApiResult<Cart>> AddToCartAsync(AddCartItemRequest request, CancellationToken cancellationToken) =>
        SendAsync<Cart>(HttpMethod.Post, "api/cart/items", request, cancellationToken);

    public Task<ApiResult<Cart>> RemoveFromCartAsync(string sku, CancellationToken cancellationToken) =>
        SendAsync<Cart>(HttpMethod.Delete, "api/cart/items/" + Uri.EscapeDataString(sku), null, cancellationToken);

    public Task<ApiResult<IReadOnlyList<DeviceSession>>> GetDevicesAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<DeviceSession>>(HttpMethod.Get, "api/sessions", null, cancellationToken);

    public Task<ApiResult<bool>> RevokeDeviceAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, "api/sessions/" + Uri.EscapeDataString(id), null, cancellationToken);

    public Task<ApiResult<RevokeOthersResult>> RevokeOtherDevicesAsync(CancellationToken cancellationToken) =>
        SendAsync<RevokeOthersResult>(HttpMethod.Post, "api/sessions/revoke-others", null, cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ApiUnavailableException("The API could not be reached.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiUnavailableException("The API did not answer in time.", ex);
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw new ApiUnavailableException("The API did not answer in time.", ex);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException ex)
        {
            throw new ApiUnavailableException("The API is failing; calls are paused for a moment.", ex);
        }

        using (response)
        {
            if ((int)response.StatusCode >= 500)
            {
                throw new ApiUnavailableException($"The API answered {(int)response.StatusCode}.") { RetryAfter = RetryAfter(response) };
            }

            if (response.IsSuccessStatusCode)
            {
                return new ApiResult<T>(response.StatusCode, await ReadValueAsync<T>(response, cancellationToken));
            }

            return new ApiResult<T>(response.StatusCode, await ReadProblemAsync(response, cancellationToken));
        }
    }

    private static async Task<T> ReadValueAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (typeof(T) == typeof(bool))
        {
            return (T)(object)true;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw new ApiUnavailableException("The API answered with an empty body.");
        }
        catch (JsonException ex)
        {
            throw new ApiUnavailableException("The API answered with a body this front end cannot read.", ex);
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? title = null;
        string? detail = null;
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!string.IsNullOrWhiteSpace(text))
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    title = ReadString(root, "title");
                    detail = ReadString(root, "detail");
                    if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var field in fields.EnumerateObject())
                        {
                            errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                                ? [.. field.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                                : [field.Value.ToString()];
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not problem details: the status alone tells what happened.
        }

        return new ApiProblem { Title = title, Detail = detail, Errors = errors, RetryAfter = RetryAfter(response) };
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
