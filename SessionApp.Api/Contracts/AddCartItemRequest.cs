namespace SessionApp.Api.Contracts;

/// <summary>POST /api/cart/items body: <c>sku</c> from the catalog and <c>quantity</c> 1..99 to add.</summary>
public sealed record AddCartItemRequest(string? Sku, int? Quantity);
