using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using SessionApp.Web.Api;

namespace SessionApp.Web.Pages;

/// <summary>
/// The cart, kept in the session by the API: its lines with a remove button each, and a form to add a tea.
/// A bad form answers 400 (the API's field errors shown by the fields), removing a line that is not there 404.
/// </summary>
public sealed class CartModel : ApiFormPage
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

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ShowAsync(HttpStatusCode.BadRequest, cancellationToken);
        }

        var result = await _api.AddToCartAsync(new AddCartItemRequest(Input.Sku!, Input.Quantity!.Value), cancellationToken);
        return await CompleteAsync(
            result,
            cart => cart.Items.FirstOrDefault(item => item.Sku == Input.Sku) is { } added
                ? $"Added {Input.Quantity} × {added.Name} to your cart."
                : "Added to your cart.",
            (_, problem) => ApiErrors.AddTo(ModelState, problem, nameof(Input), Fields, "That could not be added to your cart."),
            cancellationToken);
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
        return await CompleteAsync(
            result,
            _ => "Removed from your cart.",
            (status, problem) => ModelState.AddModelError(string.Empty, status == HttpStatusCode.NotFound
                ? "That tea is no longer in your cart."
                : problem.Message("That line could not be removed.")),
            cancellationToken);
    }

    protected override async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
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
