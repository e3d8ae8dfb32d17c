using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SessionApp.Web.Api;

namespace SessionApp.Web.Pages;

/// <summary>
/// A page that shows what the API returns and changes it through forms. Every form post ends the same way: on
/// success a status message and a redirect (post/redirect/get); when the API says the session is not signed in, a
/// challenge; otherwise the page again, with the error and the API's status code.
/// </summary>
public abstract class ApiFormPage : PageModel
{
    /// <summary>The message of the last successful change, shown once after the redirect.</summary>
    [TempData]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ?? Page();

    /// <summary>Loads what the page shows; returns a result instead when it cannot be shown (a challenge).</summary>
    protected abstract Task<IActionResult?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Ends a post with the API's answer: <paramref name="succeeded"/> gives the status message, <paramref name="failed"/> records the error.</summary>
    protected async Task<IActionResult> CompleteAsync<T>(ApiResult<T> result, Func<T, string> succeeded, Action<HttpStatusCode, ApiProblem> failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(succeeded);
        ArgumentNullException.ThrowIfNull(failed);
        if (result.Succeeded)
        {
            Status = succeeded(result.Value!);
            return RedirectToPage();
        }

        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        failed(result.Status, result.Problem);
        return await ShowAsync(result.Status, cancellationToken);
    }

    /// <summary>The page again, answering <paramref name="status"/>.</summary>
    protected async Task<IActionResult> ShowAsync(HttpStatusCode status, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Response.StatusCode = (int)status;
        return Page();
    }
}
