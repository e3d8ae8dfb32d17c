namespace SessionApp.Tests.Web;

/// <summary>One <see cref="Shop"/> shared by a test class; its tests keep apart by using browsers of their own.</summary>
public sealed class ShopFixture : IAsyncLifetime
{
    private Shop? _shop;

    public Shop Shop => _shop ?? throw new InvalidOperationException("The fixture has not started.");

    public async ValueTask InitializeAsync() => _shop = await Shop.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_shop is not null)
        {
            await _shop.DisposeAsync();
        }
    }
}
