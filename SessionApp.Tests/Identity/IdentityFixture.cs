namespace SessionApp.Tests.Identity;

/// <summary>One provider shared by the tests of a class (each test brings its own browser); <see cref="Settings"/> adds to the defaults.</summary>
public class IdentityFixture : IAsyncLifetime
{
    private IdentityInstance? _provider;

    public IdentityInstance Provider => _provider ?? throw new InvalidOperationException("The provider has not started.");

    /// <summary>Settings over the provider's own; none by default.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync() => _provider = await IdentityProvider.StartAsync(Settings);

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
