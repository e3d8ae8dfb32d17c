using System.Text;
using System.Text.Encodings.Web;

namespace SessionApp.Web.Errors;

/// <summary>
/// Answers problem details with a small, self-contained HTML page when the caller is a browser (it accepts
/// <c>text/html</c>); API-style callers fall through to the JSON writer. A 503, which the session engine answers
/// when Redis cannot be reached, gets the friendly "we can't reach your session" page; the middleware has already
/// set Retry-After. The page needs nothing but the stylesheet, which is served before sessions are loaded.
/// </summary>
public sealed class HtmlProblemDetailsWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var accept = context.HttpContext.Request.Headers.Accept;
        foreach (var value in accept)
        {
            if (value is not null && value.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var (title, message) = Describe(status, context.ProblemDetails.Title);

        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var again = HttpMethods.IsGet(http.Request.Method) ? http.Request.PathBase + http.Request.Path + http.Request.QueryString : "/";
        return new ValueTask(http.Response.WriteAsync(Render(status, title, message, http.Response.Headers.RetryAfter.ToString(), again), Encoding.UTF8, http.RequestAborted));
    }

    private static (string Title, string Message) Describe(int status, string? title) => status switch
    {
        StatusCodes.Status503ServiceUnavailable => (
            "We can't reach your session right now",
            "Nothing was lost: your cart and your sign-in are safe. Please try again in a few seconds."),
        StatusCodes.Status413PayloadTooLarge => (
            "That is more than a session can hold",
            "Your last change was not saved. Remove something from your cart and try again."),
        _ => (
            "Something went wrong",
            title is null ? "The page could not be shown. Please try again." : title + ". Please try again."),
    };

    private static string Render(int status, string title, string message, string retryAfter, string again)
    {
        var html = HtmlEncoder.Default;
        var retry = retryAfter.Length > 0
            ? $"<p>This page will be ready again in about {html.Encode(retryAfter)} seconds.</p>"
            : string.Empty;
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{html.Encode(title)}} - SessionApp Tea Shop</title>
              <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
              <header class="site-header">
                <div class="container header-row">
                  <a class="brand" href="/"><svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false"><path d="M11 3.5c-1.6 2 1.6 3.2 0 5.5M16 3.5c-1.6 2 1.6 3.2 0 5.5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/><path d="M5 12h18v5.5a8.5 8.5 0 0 1-8.5 8.5h-1A8.5 8.5 0 0 1 5 17.5z" fill="currentColor"/><path d="M23 14h1.8a3.2 3.2 0 0 1 0 6.4H22" fill="none" stroke="currentColor" stroke-width="2.2"/><path d="M3 28.5h22" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/></svg> SessionApp Tea Shop</a>
                </div>
              </header>
              <main id="main" class="container">
                <section class="notice-page" aria-labelledby="problem-title">
                  <p class="status-code">Error {{status}}</p>
                  <h1 id="problem-title">{{html.Encode(title)}}</h1>
                  <p>{{html.Encode(message)}}</p>
                  {{retry}}
                  <p><a class="button" href="{{html.Encode(again)}}">Try again</a></p>
                </section>
              </main>
              <footer class="site-footer"><div class="container footer-row"><p>SessionApp Tea Shop</p></div></footer>
            </body>
            </html>
            """;
    }
}
