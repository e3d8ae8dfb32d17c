using System.Net;
using Microsoft.AspNetCore.Mvc;
using SessionApp.Web.Api;

namespace SessionApp.Web.Pages;

/// <summary>
/// "Your devices": the signed-in user's sessions with a revoke button for each other one and "sign out all other
/// devices". Revoking ends that session everywhere at once. Signed-in users only (the page convention and the API).
/// </summary>
public sealed class DevicesModel : ApiFormPage
{
    private readonly ApiClient _api;

    public DevicesModel(ApiClient api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
    }

    public IReadOnlyList<DeviceSession> Devices { get; private set; } = [];

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public async Task<IActionResult> OnPostRevokeAsync([FromForm] string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            ModelState.AddModelError(string.Empty, "Choose a device to sign out.");
            return await ShowAsync(HttpStatusCode.BadRequest, cancellationToken);
        }

        var result = await _api.RevokeDeviceAsync(id, cancellationToken);
        return await CompleteAsync(
            result,
            _ => "That device is signed out.",
            (status, problem) => ModelState.AddModelError(string.Empty, status == HttpStatusCode.NotFound
                ? "That device is already signed out."
                : problem.Message("That device could not be signed out.")),
            cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeOthersAsync(CancellationToken cancellationToken)
    {
        var result = await _api.RevokeOtherDevicesAsync(cancellationToken);
        return await CompleteAsync(
            result,
            revoked => revoked.Revoked switch
            {
                0 => "There were no other devices to sign out.",
                1 => "Signed out 1 other device.",
                var count => $"Signed out {count} other devices.",
            },
            (_, problem) => ModelState.AddModelError(string.Empty, problem.Message("Your other devices could not be signed out.")),
            cancellationToken);
    }

    protected override async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
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
