using System.Diagnostics.CodeAnalysis;
using SessionApp.Api.Contracts;

namespace SessionApp.Api.Catalog;

/// <summary>The fixed catalog of the demo shop.</summary>
public static class ProductCatalog
{
    private static readonly Dictionary<string, Product> BySku = new(StringComparer.Ordinal);

    static ProductCatalog()
    {
        foreach (var product in Products)
        {
            BySku.Add(product.Sku, product);
        }
    }

    /// <summary>Every product, in display order.</summary>
    public static IReadOnlyList<Product> Products { get; } =
    [
        new("TEA-GREEN", "Green tea", 4.50m),
        new("TEA-BLACK", "Black tea", 4.20m),
        new("COFFEE-BEANS", "Coffee beans", 9.90m),
        new("MUG-WHITE", "White mug", 7.00m),
        new("HONEY-JAR", "Honey jar", 6.30m),
        new("BISCUITS", "Butter biscuits", 3.10m),
    ];

    /// <summary>The product with exactly that SKU.</summary>
    public static bool TryFind(string sku, [NotNullWhen(true)] out Product? product) => BySku.TryGetValue(sku, out product);
}
