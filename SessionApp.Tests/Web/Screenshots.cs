using Microsoft.Playwright;

namespace SessionApp.Tests.Web;

/// <summary>Full-page screenshots kept as test artifacts under <c>artifacts/screenshots/</c> and attached to the test result.</summary>
public static class Screenshots
{
    /// <summary>The folder: <c>artifacts/screenshots</c> at the repository root (found by <c>SessionApp.sln</c>), else beside the tests.</summary>
    public static string Directory { get; } = Locate();

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(Directory, name + ".png");
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name + ".png", bytes, "image/png");
        return path;
    }

    private static string Locate()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SessionApp.sln")))
        {
            folder = folder.Parent;
        }

        var directory = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }
}
