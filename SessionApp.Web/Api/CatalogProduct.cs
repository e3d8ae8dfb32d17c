namespace SessionApp.Web.Api;

/// <summary>One product of <c>GET /api/catalog</c>.</summary>
public sealed record CatalogProduct(string Sku, string Name, decimal Price);
