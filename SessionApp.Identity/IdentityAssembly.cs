namespace SessionApp.Identity;

/// <summary>
/// Names the Identity assembly for hosts and tests (<c>WebApplicationFactory&lt;IdentityAssembly&gt;</c>): every
/// service has a <c>Program</c>, so none is a usable marker.
/// </summary>
public sealed class IdentityAssembly
{
    private IdentityAssembly()
    {
    }
}
