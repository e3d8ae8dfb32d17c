using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SessionApp.Web.Api;

namespace SessionApp.Web.Pages;

/// <summary>Sign out through the API, which revokes the session everywhere; its cookie deletions are relayed.</summary>
public sealed class LogoutModel : PageModel
{
    private readonly ApiClient _api;

    public LogoutModel(ApiClient api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await _api.LogoutAsync(cancellationToken);
        return RedirectToPage("/Index");
    }
}
