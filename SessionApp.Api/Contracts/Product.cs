namespace SessionApp.Api.Contracts;

/// <summary>A catalog product; prices in one currency, two decimals.</summary>
public sealed record Product(string Sku, string Name, decimal Price);
