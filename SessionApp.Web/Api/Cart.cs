namespace SessionApp.Web.Api;

/// <summary>The cart, as <c>GET /api/cart</c> and the cart changes answer it.</summary>
public sealed record Cart(IReadOnlyList<CartItem> Items, int TotalQuantity, decimal Total, string? Instance)
{
    /// <summary>An empty cart, shown when there is nothing to read yet.</summary>
    public static Cart Empty { get; } = new([], 0, 0m, null);
}
