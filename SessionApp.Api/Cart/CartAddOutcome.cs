namespace SessionApp.Api.Cart;

/// <summary>What adding to the cart did.</summary>
public enum CartAddOutcome
{
    /// <summary>The quantity was added.</summary>
    Added,

    /// <summary>Nothing changed: the line would have gone over <see cref="CartStore.MaxQuantity"/>.</summary>
    OverMaxQuantity,
}
