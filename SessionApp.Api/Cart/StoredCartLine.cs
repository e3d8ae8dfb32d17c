namespace SessionApp.Api.Cart;

/// <summary>One cart line as the session stores it: only the SKU and quantity; names and prices come from the catalog.</summary>
public sealed record StoredCartLine(string Sku, int Quantity);
