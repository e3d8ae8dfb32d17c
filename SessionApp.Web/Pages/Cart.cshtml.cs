using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using SessionApp.Web.Api;

namespace SessionApp.Web.Pages;

/// <summary>
/// The cart, kept in the session by the API: its lines with a remove button each, and a form to add a tea.
/// A bad form answers 400 (the API's field errors shown by the fields), removing a line that is not there 404.
/// </summary>
public sealed class CartModel : PageModel
{
    private static readonly string[] Fields = [nameof(AddToCartInput.Sku), nameof(AddToCartInput.Quantity)];
    private readonly ApiClient _api;

    public CartModel(ApiClient api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
    }

    [BindProperty]
    public AddToCartInput Input { get; set; } = new();

    public Cart Cart { get; private set; } = Cart.Empty;

    public IReadOnlyList<SelectListItem> Products { get; private set; } = [];

    [TempData]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ShowAsync(HttpStatusCode.BadRequest, cancellationToken);
        }

        var result = await _api.AddToCartAsync(new AddCartItemRequest(Input.Sku!, Input.Quantity!.Value), cancellationToken);
        if (result.Succeeded)
        {
            var added = result.Value.Items.FirstOrDefault(item => item.Sku == Input.Sku);
            Status = added is null ? "Added to your cart." : $"Added {Input.Quantity} × {added.Name} to your cart.";
            return RedirectToPage();
        }

        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        ApiErrors.AddTo(ModelState, result.Problem, nameof(Input), Fields, "That could not be added to your cart.");
        return await ShowAsync(result.Status, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromForm] string? sku, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(sku))
        {
            ModelState.AddModelError(string.Empty, "Choose a line to remove.");
            return await ShowAsync(HttpStatusCode.BadRequest, cancellationToken);
        }

        var result = await _api.RemoveFromCartAsync(sku, cancellationToken);
        if (result.Succeeded)
        {
            Status = "Removed from your cart.";
            return RedirectToPage();
        }

        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        ModelState.AddModelError(string.Empty, result.Status == HttpStatusCode.NotFound
            ? "That tea is no longer in your cart."
            : result.Problem.Message("That line could not be removed."));
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
        var cart = await _api.GetCartAsync(cancellationToken);
        if (cart.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        Cart = cart.Succeeded ? cart.Value : Cart.Empty;
        var catalog = await _api.GetCatalogAsync(cancellationToken);
        Products = catalog.Succeeded
            ? [.. catalog.Value.Select(product => new SelectListItem($"{product.Name} ({PageText.Money(product.Price)})", product.Sku))]
            : [];
        return null;
    }
}
