namespace SessionApp.Web.Api;

/// <summary>The body of <c>POST /api/cart/items</c>.</summary>
public sealed record AddCartItemRequest(string Sku, int Quantity);
