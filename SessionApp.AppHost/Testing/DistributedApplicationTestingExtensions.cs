namespace SessionApp.AppHost.Testing;

/// <summary>HTTP clients by resource name, as Aspire.Hosting.Testing's <c>CreateHttpClient</c>.</summary>
public static class DistributedApplicationTestingExtensions
{
    /// <summary>A client whose base address is the resource (for the gateway, its public address; otherwise one replica).</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resource, int replica = 0)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new HttpClient { BaseAddress = app.GetEndpoint(resource, replica), Timeout = TimeSpan.FromSeconds(10) };
    }
}
