using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SessionApp.Web.Pages;

/// <summary>
/// Where a refused answer from the identity provider lands (a tampered or replayed callback, a provider error): a
/// 400 page that says nothing changed, never a half-made session.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class SignInFailedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status400BadRequest;
}
