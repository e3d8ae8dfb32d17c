using Microsoft.AspNetCore.Http.HttpResults;
using SessionApp.Api.Cart;
using SessionApp.Api.Catalog;
using SessionApp.Api.Contracts;
using SessionApp.Api.Http;
using SessionApp.ServiceDefaults.Instance;

namespace SessionApp.Api.Apis;

/// <summary>The session's cart, for anonymous and signed-in visitors alike: <c>/api/cart</c>.</summary>
public static class CartApi
{
    public static IEndpointRouteBuilder MapCartApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("api/cart").WithTags("Cart");

        api.MapGet("/", GetCart)
            .WithName("GetCart")
            .WithSummary("The cart with names, prices and totals.");
        api.MapPost("/items", AddItemAsync)
            .WithName("AddCartItem")
            .WithSummary("Adds a quantity (1..99) of a catalog SKU to the cart; a line holds at most 99.");
        api.MapDelete("/items/{sku}", RemoveItemAsync)
            .WithName("RemoveCartItem")
            .WithSummary("Removes the SKU's line from the cart.");

        return app;
    }

    public static Ok<CartResponse> GetCart(HttpContext context, InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instance);
        return TypedResults.Ok(CartStore.ToResponse(CartStore.Read(context.Session), instance.Name));
    }

    public static async Task<Results<Ok<CartResponse>, ValidationProblem>> AddItemAsync(AddCartItemRequest request, HttpContext context, InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instance);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.Sku) || !ProductCatalog.TryFind(request.Sku, out _))
        {
            errors["sku"] = ["The SKU must be one of the catalog's."];
        }

        if (request.Quantity is not (>= 1 and <= CartStore.MaxQuantity))
        {
            errors["quantity"] = [$"The quantity must be 1 to {CartStore.MaxQuantity}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (outcome, lines) = await CartStore.AddAsync(context.GetServerSession(), request.Sku!, request.Quantity!.Value, context.RequestAborted);
        if (outcome == CartAddOutcome.OverMaxQuantity)
        {
            return ApiProblems.Field("quantity", $"The cart would hold more than {CartStore.MaxQuantity} of {request.Sku}.");
        }

        return TypedResults.Ok(CartStore.ToResponse(lines, instance.Name));
    }

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> RemoveItemAsync(string sku, HttpContext context, InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instance);
        var (removed, lines) = await CartStore.RemoveAsync(context.GetServerSession(), sku, context.RequestAborted);
        return removed
            ? TypedResults.Ok(CartStore.ToResponse(lines, instance.Name))
            : ApiProblems.NotFound($"The cart holds no '{sku}'.");
    }
}
