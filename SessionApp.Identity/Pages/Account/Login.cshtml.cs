using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SessionApp.Identity.Account;
using SessionApp.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SessionApp.Identity.Pages.Account;

/// <summary>
/// The provider's sign-in page (antiforgery on, as for every Razor Page form). A matching user name and password
/// start the provider's cookie session and return to <see cref="ReturnUrl"/> (the authorization request), local
/// addresses only; anything else shows one message for an unknown name and a wrong password alike, with 401.
/// </summary>
public sealed class LoginModel(UserDirectory users, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after signing in, from the query (GET) or the form's hidden field (POST).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            return Refused(HttpStatusCode.BadRequest, "Enter your user name and password.");
        }

        var user = users.Check(UserName, Password);
        if (user is null)
        {
            Log.SignInFailed(logger, UserName);
            return Refused(HttpStatusCode.Unauthorized, "That user name and password don't match. Check them and try again.");
        }

        var identity = new ClaimsIdentity([new Claim(Claims.Subject, user.Subject), new Claim(ClaimTypes.Name, user.UserName)], ProviderCookie.Scheme);
        await HttpContext.SignInAsync(ProviderCookie.Scheme, new ClaimsPrincipal(identity));
        Log.SignInSucceeded(logger, user.UserName);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    private PageResult Refused(HttpStatusCode status, string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Password = null;
        Response.StatusCode = (int)status;
        return Page();
    }
}
