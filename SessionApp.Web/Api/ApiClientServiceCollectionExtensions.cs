using SessionApp.ServiceDefaults.Resilience;
using Microsoft.Extensions.Http.Resilience;
using SessionApp.Web.Api;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ApiClient"/>.</summary>
public static class ApiClientServiceCollectionExtensions
{
    /// <summary>The API's address; service discovery resolves it from <c>services:api:http:0</c>.</summary>
    public const string ApiAddress = "http://api";

    /// <summary>
    /// Adds the typed <see cref="ApiClient"/>. Its primary handler keeps no cookies of its own (the handler is
    /// pooled and shared by every browser: cookies travel only through <see cref="ApiCookieHandler"/>) and never
    /// follows redirects. Its resilience handler retries only safe methods, so a sign-in, a cart change or a
    /// revocation is sent once and a 429 reaches the browser as the API sent it. The cookie handler sits outside the
    /// retries: the cookies are set once per call and only the final answer's cookies are relayed.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddApiClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpContextAccessor();
        services.AddTransient<ApiCookieHandler>();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: the one way to give one client other options than the defaults.
        services.AddHttpClient<ApiClient>(client => client.BaseAddress = new Uri(ApiAddress))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
            .AddHttpMessageHandler<ApiCookieHandler>()
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options =>
            {
                ServiceResilience.Configure(options);
                options.Retry.DisableForUnsafeHttpMethods();
                var transient = options.Retry.ShouldHandle;
                options.Retry.ShouldHandle = args =>
                    args.Outcome.Result?.StatusCode == System.Net.HttpStatusCode.TooManyRequests ? ValueTask.FromResult(false) : transient(args);
            });
#pragma warning restore EXTEXP0001
        return services;
    }
}
