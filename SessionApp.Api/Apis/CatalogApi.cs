using Microsoft.AspNetCore.Http.HttpResults;
using SessionApp.Api.Catalog;
using SessionApp.Api.Contracts;

namespace SessionApp.Api.Apis;

/// <summary>The products on sale: <c>/api/catalog</c>.</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("api/catalog").WithTags("Catalog")
            .MapGet("/", GetCatalog)
            .WithName("GetCatalog")
            .WithSummary("Every product: SKU, name and price.");
        return app;
    }

    public static Ok<IReadOnlyList<Product>> GetCatalog() => TypedResults.Ok(ProductCatalog.Products);
}
