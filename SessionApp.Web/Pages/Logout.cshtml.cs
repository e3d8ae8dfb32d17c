using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Web.Api;

namespace SessionApp.Web.Pages;

/// <summary>
/// Sign out. With an identity provider, here: the session ends everywhere, the provider's refresh token is revoked,
/// and the browser goes to the provider to end its session there too, coming back to the shop. Without one, through
/// the API, which revokes the session everywhere; its cookie deletions are relayed.
/// </summary>
public sealed class LogoutModel : PageModel
{
    /// <summary>Where the provider sends the browser back after ending its session (registered with it as a sign-out URL).</summary>
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    private readonly ApiClient _api;
    private readonly SessionSignOut _signOut;
    private readonly OidcSignInOptions _signIn;

    public LogoutModel(ApiClient api, SessionSignOut signOut, IOptions<OidcSignInOptions> signIn)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(signOut);
        ArgumentNullException.ThrowIfNull(signIn);
        _api = api;
        _signOut = signOut;
        _signIn = signIn.Value;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!_signIn.Enabled)
        {
            await _api.LogoutAsync(cancellationToken);
            return RedirectToPage("/Index");
        }

        var returnTo = new Uri($"{Request.Scheme}://{Request.Host}{SignedOutCallbackPath}");
        var provider = await _signOut.SignOutAsync(HttpContext, returnTo);
        return provider is null ? RedirectToPage("/Index") : Redirect(provider.ToString());
    }
}
