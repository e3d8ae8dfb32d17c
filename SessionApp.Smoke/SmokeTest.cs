using System.Diagnostics;
using System.Net;

namespace SessionApp.Smoke;

/// <summary>
/// The smoke test of a deployed SessionApp, through its load balancer: one signed-in session served by at least
/// <see cref="SmokeOptions.MinInstances"/> api and web instances (told apart by X-Instance), a new session id on
/// login that keeps the session's data while the old id opens nothing, revoke-others and sign-out seen by every
/// instance that served the session, and never the store-down page.
/// </summary>
public sealed class SmokeTest
{
    private const string ItemKey = "smoke-check";

    /// <summary>The heading of the web tier's store-down page (HTML-encoded apostrophe and all).</summary>
    private const string StoreDownText = "reach your session right now";
    private readonly SmokeOptions _options;
    private readonly Action<string> _log;
    private readonly SortedSet<string> _api = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _web = new(StringComparer.Ordinal);
    private int _requests;

    public SmokeTest(SmokeOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _log = log ?? (_ => { });
    }

    private Uri BaseUrl => _options.BaseUrl!;

    // Validated in the constructor: both are set.
    private string UserName => _options.UserName!;

    private string Password => _options.Password!;

    public async Task<SmokeResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var step = "start";
        try
        {
            step = "waiting for the site";
            await WaitUntilReadyAsync(cancellationToken);
            using var laptop = NewBrowser();

            step = "sign-in";
            await SignInRotatesTheSessionAsync(laptop, cancellationToken);

            step = "instances";
            await OneSessionOnEveryInstanceAsync(laptop, cancellationToken);

            step = "revoke-others";
            await RevokeOthersSeenEverywhereAsync(laptop, cancellationToken);

            step = "sign-out";
            await SignOutSeenEverywhereAsync(laptop, cancellationToken);

            var instances = _api.Count + _web.Count;
            return Result(true, $"SMOKE PASSED {BaseUrl}: one session on api [{string.Join(", ", _api)}] and web [{string.Join(", ", _web)}]; " +
                $"login rotated the session id; revoke-others and sign-out seen on all {instances} instances; no store-down page " +
                $"({_requests} requests, {watch.Elapsed.TotalSeconds:F1} s)");
        }
        catch (SmokeFailedException failure)
        {
            return Result(false, $"SMOKE FAILED {BaseUrl} at {step}: {failure.Message} ({_requests} requests, {watch.Elapsed.TotalSeconds:F1} s)");
        }
    }

    private SmokeResult Result(bool passed, string verdict) => new(passed, verdict, [.. _api], [.. _web], _requests);

    private SmokeBrowser NewBrowser() => new(BaseUrl, _options.RequestTimeout, InspectAsync);

    /// <summary>Every response: counted, and never the store-down page nor any other 503.</summary>
    private Task InspectAsync(string request, HttpResponseMessage response, string body)
    {
        Interlocked.Increment(ref _requests);
        var instance = response.Headers.TryGetValues(SmokeBrowser.InstanceHeader, out var values) ? values.First() : "an unnamed instance";
        if (body.Contains(StoreDownText, StringComparison.Ordinal))
        {
            throw new SmokeFailedException($"{request} answered {(int)response.StatusCode} from {instance} with the store-down page.");
        }

        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw new SmokeFailedException($"{request} answered 503 Service Unavailable from {instance}.");
        }

        return Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        if (_options.ReadyTimeout == TimeSpan.Zero)
        {
            return;
        }

        var deadline = Stopwatch.StartNew();
        using var probe = new HttpClient { BaseAddress = BaseUrl, Timeout = _options.RequestTimeout };
        while (true)
        {
            try
            {
                using var response = await probe.GetAsync("/", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                _log($"waiting for {BaseUrl}: {(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                _log($"waiting for {BaseUrl}: {ex.Message}");
            }

            if (deadline.Elapsed > _options.ReadyTimeout)
            {
                throw new SmokeFailedException($"the site did not answer 200 within {_options.ReadyTimeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    /// <summary>A new visitor sees the home page; an anonymous session with an item; signing in gives it a new id, keeps the item, and the old id opens nothing.</summary>
    private async Task SignInRotatesTheSessionAsync(SmokeBrowser laptop, CancellationToken cancellationToken)
    {
        var home = await laptop.GetWebHomeAsync(cancellationToken);
        Require(home.Status == HttpStatusCode.OK && home.SignedInAs is null, $"the home page answered {(int)home.Status} to a new visitor (user '{home.SignedInAs}').");
        Require(await laptop.PutItemAsync(ItemKey, "kept", cancellationToken) == HttpStatusCode.NoContent, "an anonymous visitor could not store an item in a new session.");
        var before = await laptop.SessionIdAsync(cancellationToken) ?? throw new SmokeFailedException("GET /api/session did not answer 200 before sign-in.");
        using var stale = laptop.WithCopiedCookies(_options.RequestTimeout);

        var signIn = await laptop.SignInAsync(UserName, Password, cancellationToken);
        Require(signIn == HttpStatusCode.OK, $"signing in as {_options.UserName} answered {(int)signIn}.");

        var after = await laptop.SessionIdAsync(cancellationToken) ?? throw new SmokeFailedException("GET /api/session did not answer 200 after sign-in.");
        Require(after != before, "signing in kept the session id (no rotation).");
        Require(await laptop.GetItemStatusAsync(ItemKey, cancellationToken) == HttpStatusCode.OK, "signing in lost the session's data.");
        var old = await stale.GetItemStatusAsync(ItemKey, cancellationToken);
        Require(old == HttpStatusCode.NotFound, $"the session id from before sign-in still opens the session ({(int)old}).");
        _log($"sign-in rotated the session id and kept its data ({_requests} requests)");
    }

    /// <summary>Requests of the signed-in session land on at least MinInstances api and web instances, each showing the user.</summary>
    private async Task OneSessionOnEveryInstanceAsync(SmokeBrowser laptop, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _options.MaxRequests && (_api.Count < _options.MinInstances || _web.Count < _options.MinInstances); i++)
        {
            // web, api, api, …: the web tier calls the api through the load balancer too, so two api requests in a
            // row still meet the round robin back to back
            var seen = await ObserveAsync(laptop, toWeb: i % 3 == 0, cancellationToken);
            Require(seen.Status == HttpStatusCode.OK && seen.SignedInAs == _options.UserName,
                $"{seen.Tier} instance {seen.Instance} did not show the signed-in session ({(int)seen.Status}, user '{seen.SignedInAs}').");
            (seen.Tier == "api" ? _api : _web).Add(seen.Instance!);
        }

        Require(_api.Count >= _options.MinInstances && _web.Count >= _options.MinInstances,
            $"{_options.MaxRequests} requests reached api [{string.Join(", ", _api)}] and web [{string.Join(", ", _web)}]; " +
            $"each tier needs at least {_options.MinInstances} instances.");
        _log($"one session on api [{string.Join(", ", _api)}] and web [{string.Join(", ", _web)}] ({_requests} requests)");
    }

    /// <summary>A second device signs in; the first signs the others out; every instance then sees the second as signed out.</summary>
    private async Task RevokeOthersSeenEverywhereAsync(SmokeBrowser laptop, CancellationToken cancellationToken)
    {
        using var phone = NewBrowser();
        var signIn = await phone.SignInAsync(UserName, Password, cancellationToken);
        Require(signIn == HttpStatusCode.OK, $"a second sign-in as {_options.UserName} answered {(int)signIn}.");
        var revoked = await laptop.RevokeOthersAsync(cancellationToken);
        Require(revoked >= 1, $"revoke-others signed out {revoked?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing (refused)"} other sessions; the second device's is one.");

        await SignedOutEverywhereAsync(phone, "the revoked session", cancellationToken);
        var me = await laptop.GetApiMeAsync(cancellationToken);
        Require(me.SignedInAs == _options.UserName, "revoke-others signed out the session that asked for it.");
        _log($"revoke-others seen on every instance ({_requests} requests)");
    }

    /// <summary>Signing out ends the session: its cookies, replayed, are signed out on every instance.</summary>
    private async Task SignOutSeenEverywhereAsync(SmokeBrowser laptop, CancellationToken cancellationToken)
    {
        using var stale = laptop.WithCopiedCookies(_options.RequestTimeout);
        var signOut = await laptop.SignOutAsync(cancellationToken);
        Require(signOut == HttpStatusCode.NoContent, $"signing out answered {(int)signOut}.");
        await SignedOutEverywhereAsync(stale, "the signed-out session's cookies", cancellationToken);
        _log($"sign-out seen on every instance ({_requests} requests)");
    }

    /// <summary>Every api and web instance that served the session answers this browser as signed out, and none as signed in.</summary>
    private async Task SignedOutEverywhereAsync(SmokeBrowser browser, string what, CancellationToken cancellationToken)
    {
        var api = new SortedSet<string>(_api, StringComparer.Ordinal);
        var web = new SortedSet<string>(_web, StringComparer.Ordinal);
        for (var i = 0; i < _options.MaxRequests && (api.Count > 0 || web.Count > 0); i++)
        {
            var toWeb = web.Count > 0 && (api.Count == 0 || i % 3 == 0);
            var seen = await ObserveAsync(browser, toWeb, cancellationToken);
            var signedOut = seen.Tier == "api" ? seen.Status == HttpStatusCode.Unauthorized : seen.Status == HttpStatusCode.OK && seen.SignedInAs is null;
            Require(signedOut, $"{seen.Tier} instance {seen.Instance} still served {what} ({(int)seen.Status}, user '{seen.SignedInAs}').");
            (seen.Tier == "api" ? api : web).Remove(seen.Instance!);
        }

        Require(api.Count == 0 && web.Count == 0,
            $"{_options.MaxRequests} requests with {what} never reached api [{string.Join(", ", api)}] web [{string.Join(", ", web)}].");
    }

    private static async Task<Observation> ObserveAsync(SmokeBrowser browser, bool toWeb, CancellationToken cancellationToken)
    {
        var seen = toWeb ? await browser.GetWebHomeAsync(cancellationToken) : await browser.GetApiMeAsync(cancellationToken);
        Require(seen.Instance is not null, $"a {seen.Tier} response ({(int)seen.Status}) had no {SmokeBrowser.InstanceHeader} header.");
        return seen;
    }

    private static void Require(bool condition, string failure)
    {
        if (!condition)
        {
            throw new SmokeFailedException(failure);
        }
    }
}
