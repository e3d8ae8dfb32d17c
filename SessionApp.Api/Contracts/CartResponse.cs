namespace SessionApp.Api.Contracts;

/// <summary>The cart of the current session.</summary>
public sealed record CartResponse(IReadOnlyList<CartLine> Items, int TotalQuantity, decimal Total, string Instance);
