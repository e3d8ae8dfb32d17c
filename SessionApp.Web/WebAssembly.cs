namespace SessionApp.Web;

/// <summary>
/// Names the Web assembly for hosts and tests (<c>WebApplicationFactory&lt;WebAssembly&gt;</c>): both services
/// have a <c>Program</c>, so neither is a usable marker.
/// </summary>
public sealed class WebAssembly
{
    private WebAssembly()
    {
    }
}
