namespace SessionApp.Api.Contracts;

/// <summary>One line of the cart, with the product name and unit price from the catalog.</summary>
public sealed record CartLine(string Sku, string Name, decimal Price, int Quantity);
