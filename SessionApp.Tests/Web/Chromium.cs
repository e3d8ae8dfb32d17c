using Microsoft.Playwright;

namespace SessionApp.Tests.Web;

/// <summary>
/// Debian's Chromium driven by Playwright: never a browser Playwright downloads. test.sh installs the package, so
/// the browser tests skip only on a machine where it is missing.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static string SkipReason =>
        $"{ExecutablePath} is missing: install Debian's chromium (apt-get install chromium; ./test.sh does) to run the browser tests.";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = (float)StepTimeout.TotalMilliseconds,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }
}
