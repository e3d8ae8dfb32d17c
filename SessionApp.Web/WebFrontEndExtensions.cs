using Microsoft.AspNetCore.Server.Kestrel.Core;
using SessionApp.Web.Api;
using SessionApp.Web.Errors;

namespace Microsoft.Extensions.Hosting;

/// <summary>The Web front end's own services: Razor Pages, the typed API client and the HTML error pages.</summary>
public static class WebFrontEndExtensions
{
    /// <summary>
    /// Adds Razor Pages (the devices page needs a signed-in user), <see cref="ApiClient"/> on <c>http://api</c>
    /// forwarding the browser's cookies and relaying the API's, an <see cref="IProblemDetailsWriter"/> that answers
    /// browsers with an HTML page (the session store outage page among them); Kestrel sends no <c>Server</c> banner.
    /// The pipeline adds <c>UseWebSecurityHeaders()</c> and <c>UseApiUnavailablePage()</c> (an API outage as that page).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddWebFrontEnd(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddRazorPages(options => options.Conventions.AuthorizePage("/Devices"));
        builder.Services.AddApiClient();

        // Writers are asked in registration order and the JSON writer AddProblemDetails registered accepts */*:
        // the HTML writer goes first so that browsers get a page and every other caller still gets JSON.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, HtmlProblemDetailsWriter>());
        builder.Services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

        return builder;
    }
}
