using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Web.Api;

namespace SessionApp.Web.Pages;

/// <summary>
/// Sign in. With an identity provider configured (<c>Authentication:Oidc</c>), the page sends the browser to it
/// (Authorization Code + PKCE) and the answer signs the user into the session. Without one, the password form signs in
/// through the API: it checks the password, rotates the session and sets the cookies, which this page relays to the
/// browser before going back to where the user was. A failed sign-in shows the API's message and answers with the
/// API's status (400, 401, 429 with Retry-After).
/// </summary>
public sealed class LoginModel : PageModel
{
    private static readonly string[] Fields = [nameof(LoginInput.UserName), nameof(LoginInput.Password)];
    private readonly ApiClient _api;
    private readonly OidcSignInOptions _signIn;

    public LoginModel(ApiClient api, IOptions<OidcSignInOptions> signIn)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(signIn);
        _api = api;
        _signIn = signIn.Value;
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    /// <summary>Where to go after signing in, from the query (GET) or the form's hidden field (POST); local addresses only.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => _signIn.Enabled ? Challenge(new AuthenticationProperties { RedirectUri = LocalReturnUrl }, OpenIdConnectDefaults.AuthenticationScheme) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (_signIn.Enabled)
        {
            // No password form while an identity provider signs users in.
            return OnGet();
        }

        if (!ModelState.IsValid)
        {
            return Invalid(HttpStatusCode.BadRequest);
        }

        var result = await _api.LoginAsync(new LoginRequest(Input.UserName!, Input.Password!), cancellationToken);
        if (result.Succeeded)
        {
            return LocalRedirect(LocalReturnUrl);
        }

        switch (result.Status)
        {
            case HttpStatusCode.Unauthorized:
                ModelState.AddModelError(string.Empty, "That user name and password don't match. Check them and try again.");
                break;
            case HttpStatusCode.TooManyRequests:
                var wait = result.Problem.RetryAfter ?? TimeSpan.FromSeconds(30);
                Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                ModelState.AddModelError(string.Empty, $"Too many sign-in attempts. Please wait {PageText.Duration(wait)} and try again.");
                break;
            default:
                ApiErrors.AddTo(ModelState, result.Problem, nameof(Input), Fields, "Sign-in failed. Check your details and try again.");
                break;
        }

        return Invalid(result.Status);
    }

    private string LocalReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    private PageResult Invalid(HttpStatusCode status)
    {
        Input.Password = null;
        Response.StatusCode = (int)status;
        return Page();
    }
}
