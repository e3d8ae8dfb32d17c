using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SessionApp.Web.Api;

namespace SessionApp.Web.Pages;

/// <summary>
/// "Your devices": the signed-in user's sessions with a revoke button for each other one and "sign out all other
/// devices". Revoking ends that session everywhere at once. Signed-in users only (the page convention and the API).
/// </summary>
public sealed class DevicesModel : PageModel
{
    private readonly ApiClient _api;

    public DevicesModel(ApiClient api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
    }

    public IReadOnlyList<DeviceSession> Devices { get; private set; } = [];

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    [TempData]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostRevokeAsync([FromForm] string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            ModelState.AddModelError(string.Empty, "Choose a device to sign out.");
            return await ShowAsync(HttpStatusCode.BadRequest, cancellationToken);
        }

        var result = await _api.RevokeDeviceAsync(id, cancellationToken);
        if (result.Succeeded)
        {
            Status = "That device is signed out.";
            return RedirectToPage();
        }

        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        ModelState.AddModelError(string.Empty, result.Status == HttpStatusCode.NotFound
            ? "That device is already signed out."
            : result.Problem.Message("That device could not be signed out."));
        return await ShowAsync(result.Status, cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeOthersAsync(CancellationToken cancellationToken)
    {
        var result = await _api.RevokeOtherDevicesAsync(cancellationToken);
        if (result.Succeeded)
        {
            Status = result.Value.Revoked switch
            {
                0 => "There were no other devices to sign out.",
                1 => "Signed out 1 other device.",
                var count => $"Signed out {count} other devices.",
            };
            return RedirectToPage();
        }

        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        ModelState.AddModelError(string.Empty, result.Problem.Message("Your other devices could not be signed out."));
        return await ShowAsync(result.Status, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(HttpStatusCode status, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Response.StatusCode = (int)status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var devices = await _api.GetDevicesAsync(cancellationToken);
        if (devices.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        Devices = devices.Succeeded
            ? [.. devices.Value.OrderByDescending(device => device.Current).ThenByDescending(device => device.LastSeenAt)]
            : [];
        return null;
    }
}
