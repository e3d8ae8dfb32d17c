using System.Text.Json;
using SessionApp.Api.Catalog;
using SessionApp.Api.Contracts;
using SessionApp.Sessions;

namespace SessionApp.Api.Cart;

/// <summary>
/// The cart lives in the session under one key as JSON. Every change is a read-modify-write through
/// <see cref="IServerSession.UpdateAsync"/>, so two tabs adding at once never lose an update.
/// The key is never deleted: an emptied cart is an empty list.
/// </summary>
public static class CartStore
{
    /// <summary>The session key of the cart (item keys live under <c>items:</c>, so they cannot clobber it).</summary>
    public const string SessionKey = "cart";

    /// <summary>The most of one product a cart line may hold.</summary>
    public const int MaxQuantity = 99;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The cart as this request sees it.</summary>
    public static IReadOnlyList<StoredCartLine> Read(ISession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Parse(session.TryGetValue(SessionKey, out var value) ? value : null);
    }

    /// <summary>Adds <paramref name="quantity"/> of <paramref name="sku"/>, unless the line would exceed <see cref="MaxQuantity"/>.</summary>
    public static async Task<(CartAddOutcome Outcome, IReadOnlyList<StoredCartLine> Lines)> AddAsync(IServerSession session, string sku, int quantity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var outcome = CartAddOutcome.Added;
        var written = await session.UpdateAsync(SessionKey, current =>
        {
            var lines = Parse(current);
            var index = lines.FindIndex(line => line.Sku == sku);
            var existing = index < 0 ? 0 : lines[index].Quantity;
            if (existing + quantity > MaxQuantity)
            {
                outcome = CartAddOutcome.OverMaxQuantity;
                return current;
            }

            outcome = CartAddOutcome.Added;
            var line = new StoredCartLine(sku, existing + quantity);
            if (index < 0)
            {
                lines.Add(line);
            }
            else
            {
                lines[index] = line;
            }

            return Serialize(lines);
        }, cancellationToken);
        return (outcome, Parse(written));
    }

    /// <summary>Removes the line of <paramref name="sku"/>; false (and nothing written) when the cart has none.</summary>
    public static async Task<(bool Removed, IReadOnlyList<StoredCartLine> Lines)> RemoveAsync(IServerSession session, string sku, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!Read(session).Any(line => line.Sku == sku))
        {
            return (false, Read(session));
        }

        var removed = false;
        var written = await session.UpdateAsync(SessionKey, current =>
        {
            var lines = Parse(current);
            removed = lines.RemoveAll(line => line.Sku == sku) > 0;
            return removed ? Serialize(lines) : current;
        }, cancellationToken);
        return (removed, Parse(written));
    }

    /// <summary>The cart with catalog names and prices and its totals.</summary>
    public static CartResponse ToResponse(IReadOnlyList<StoredCartLine> lines, string instance)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var items = new List<CartLine>(lines.Count);
        foreach (var line in lines)
        {
            if (ProductCatalog.TryFind(line.Sku, out var product))
            {
                items.Add(new CartLine(product.Sku, product.Name, product.Price, line.Quantity));
            }
        }

        return new CartResponse(items, items.Sum(i => i.Quantity), items.Sum(i => i.Price * i.Quantity), instance);
    }

    private static List<StoredCartLine> Parse(byte[]? value) =>
        value is null ? [] : JsonSerializer.Deserialize<List<StoredCartLine>>(value, Json) ?? [];

    private static byte[] Serialize(List<StoredCartLine> lines) => JsonSerializer.SerializeToUtf8Bytes(lines, Json);
}
