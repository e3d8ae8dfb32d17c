namespace SessionApp.Tests.Identity;

/// <summary>A provider whose access tokens live 2 seconds and whose used refresh tokens are accepted again for 2 seconds.</summary>
public sealed class ShortLifetimesFixture : IdentityFixture
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan ReuseLeeway = TimeSpan.FromSeconds(2);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:AccessTokenLifetime"] = AccessTokenLifetime.ToString(),
        ["Identity:RefreshTokenReuseLeeway"] = ReuseLeeway.ToString(),
    };
}
