namespace SessionApp.AppHost.Orchestration;

/// <summary>Healthy when <c>GET {url}{path}</c> answers 2xx within a second.</summary>
internal sealed class HttpHealthProbe(HttpClient client, Uri url) : IHealthProbe
{
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            using var response = await client.GetAsync(url, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
