using System.Net;
using System.Text.RegularExpressions;

namespace SessionApp.Tests.Web;

/// <summary>A page as a browser received it: status, HTML, Location and Retry-After.</summary>
public sealed partial class WebPage
{
    public WebPage(HttpStatusCode status, string html, Uri? location, string? retryAfter, string? contentType)
    {
        Status = status;
        Html = html;
        Location = location;
        RetryAfter = retryAfter;
        ContentType = contentType;
    }

    public HttpStatusCode Status { get; }

    public string Html { get; }

    public Uri? Location { get; }

    public string? RetryAfter { get; }

    public string? ContentType { get; }

    /// <summary>The antiforgery token of the page's first form.</summary>
    public string AntiforgeryToken
    {
        get
        {
            var match = TokenPattern().Match(Html);
            Assert.True(match.Success, "The page has no antiforgery token field.");
            return WebUtility.HtmlDecode(match.Groups["token"].Value);
        }
    }

    /// <summary>The text of the element marked <c>data-testid="<paramref name="testId"/>"</c>, or null when there is none.</summary>
    public string? TestId(string testId)
    {
        var match = Regex.Match(Html, "data-testid=\"" + Regex.Escape(testId) + "\"[^>]*>(?<text>[^<]*)<", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? WebUtility.HtmlDecode(match.Groups["text"].Value).Trim() : null;
    }

    /// <summary>How many elements are marked <c>data-testid="<paramref name="testId"/>"</c>.</summary>
    public int Count(string testId) => Regex.Count(Html, "data-testid=\"" + Regex.Escape(testId) + "\"", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
