using System.Net;
using System.Text.RegularExpressions;

namespace SessionApp.Smoke;

/// <summary>
/// Signs a browser in the way a person does when the site signs users in with an OpenID Connect provider: the site's
/// <c>/Login</c> sends it to the provider, the provider's sign-in page takes the user name and password, and the
/// provider's answer comes back to the site. Works on any provider whose sign-in page is a plain HTML form with a
/// password field (SessionApp.Identity locally, Cognito's classic hosted UI in AWS): the first such form is filled in,
/// its hidden fields (antiforgery, CSRF) kept, and posted. Redirects are followed by hand, at most
/// <see cref="MaxHops"/> of them, through one cookie jar that holds the site's and the provider's cookies.
/// </summary>
internal static partial class ProviderSignIn
{
    public const int MaxHops = 12;

    /// <summary>
    /// The status of the last answer (a 200 page back on the site when it worked), where it came from, and whether a
    /// provider's form was filled in (false: the site's <c>/Login</c> is its own password form, no provider).
    /// </summary>
    public static async Task<(HttpStatusCode Status, Uri Address, bool ThroughProvider)> SignInAsync(
        HttpClient client, Uri site, string userName, string password, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(site);
        var address = new Uri(site, "/Login");
        var posted = false;
        HttpContent? content = null;
        for (var hop = 0; hop < MaxHops; hop++)
        {
            using var request = new HttpRequestMessage(content is null ? HttpMethod.Get : HttpMethod.Post, address) { Content = content };
            request.Headers.Accept.ParseAdd("text/html");
            configure?.Invoke(request);
            using var response = await client.SendAsync(request, cancellationToken);
            content = null;
            if (response.Headers.Location is { } location)
            {
                address = new Uri(address, location);
                continue;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (posted || address.Authority == site.Authority || response.StatusCode != HttpStatusCode.OK && response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return (response.StatusCode, address, posted);
            }

            var form = SignInForm(body) ?? throw new SmokeFailedException($"the sign-in page at {address.GetLeftPart(UriPartial.Path)} has no form with a password field.");
            address = form.Action is { Length: > 0 } action ? new Uri(address, WebUtility.HtmlDecode(action)) : address;
            content = new FormUrlEncodedContent(form.Fill(userName, password));
            posted = true;
        }

        throw new SmokeFailedException($"signing in took more than {MaxHops} redirects (last {address.GetLeftPart(UriPartial.Path)}).");
    }

    /// <summary>The first form of <paramref name="html"/> with a password field, or null.</summary>
    private static Form? SignInForm(string html)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            var inputs = InputPattern().Matches(form.Groups["body"].Value).Select(static m => Attributes(m.Value)).ToList();
            if (inputs.Any(static i => i.GetValueOrDefault("type") == "password"))
            {
                return new Form(Attributes(form.Groups["open"].Value).GetValueOrDefault("action"), inputs);
            }
        }

        return null;
    }

    private static Dictionary<string, string> Attributes(string tag) =>
        AttributePattern().Matches(tag).GroupBy(static m => m.Groups["name"].Value.ToLowerInvariant())
            .ToDictionary(static g => g.Key, static g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));

    /// <summary>A sign-in form: its action and its inputs' attributes.</summary>
    private sealed record Form(string? Action, IReadOnlyList<Dictionary<string, string>> Inputs)
    {
        /// <summary>The fields to post: hidden ones as they are, the password, and the user name in the first text field before it.</summary>
        public IEnumerable<KeyValuePair<string, string>> Fill(string userName, string password)
        {
            var userFilled = false;
            foreach (var input in Inputs.Where(static i => i.ContainsKey("name")))
            {
                var type = input.GetValueOrDefault("type", "text");
                if (type == "password")
                {
                    yield return KeyValuePair.Create(input["name"], password);
                }
                else if (type is "text" or "email" && !userFilled)
                {
                    userFilled = true;
                    yield return KeyValuePair.Create(input["name"], userName);
                }
                else if (type is "hidden" or "submit")
                {
                    yield return KeyValuePair.Create(input["name"], input.GetValueOrDefault("value", string.Empty));
                }
            }
        }
    }

    [GeneratedRegex("""(?<open><form\b[^>]*>)(?<body>.*?)</form>""", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input\b[^>]*>""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InputPattern();

    [GeneratedRegex("""(?<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"(?<value>[^"]*)"|'(?<value>[^']*)'|(?<value>[^\s"'>]+))""", RegexOptions.CultureInvariant)]
    private static partial Regex AttributePattern();
}
