namespace SessionApp.Web.Api;

/// <summary>One line of the cart.</summary>
public sealed record CartItem(string Sku, string Name, decimal Price, int Quantity);
