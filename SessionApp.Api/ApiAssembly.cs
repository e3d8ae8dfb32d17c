namespace SessionApp.Api;

/// <summary>
/// Marks the API assembly for tests (<c>WebApplicationFactory&lt;ApiAssembly&gt;</c>): the Web front end has a
/// <c>Program</c> too, so the API's entry point is not the name to reach it by.
/// </summary>
public sealed class ApiAssembly
{
    private ApiAssembly()
    {
    }
}
