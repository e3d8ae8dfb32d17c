using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SessionApp.Web.Pages;

/// <summary>
/// The error page status code pages re-execute for a 4xx or 5xx without a body (an unknown page, a form with a
/// bad antiforgery token). It keeps the original status and needs no token itself, since it may be re-executed
/// for a POST.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; } = StatusCodes.Status500InternalServerError;

    public string? RequestId { get; private set; }

    public string Title => Code switch
    {
        StatusCodes.Status400BadRequest => "That request could not be understood",
        StatusCodes.Status403Forbidden => "You don't have access to that page",
        StatusCodes.Status404NotFound => "We couldn't find that page",
        StatusCodes.Status405MethodNotAllowed => "That page can't do that",
        _ => "Something went wrong",
    };

    public string Message => Code switch
    {
        StatusCodes.Status400BadRequest => "The form may have expired. Go back, reload the page and try again.",
        StatusCodes.Status404NotFound => "The address may be mistyped, or the page has moved.",
        _ => "Please try again in a moment.",
    };

    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        var reExecuted = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;
        Code = code is >= 400 and <= 599 ? code.Value : reExecuted ? Response.StatusCode : StatusCodes.Status404NotFound;
        RequestId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        if (!reExecuted)
        {
            // Visited directly: the page exists only as an error page.
            Response.StatusCode = Code;
        }
    }
}
