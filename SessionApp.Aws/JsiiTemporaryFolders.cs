using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SessionApp.Aws;

/// <summary>
/// Removes what jsii leaves in the temp folder: each process that synthesizes unpacks the jsii runtime (≈2 MB) and
/// copies the CDK's package bundles (≈64 MB) into two folders named like <c>Path.GetRandomFileName()</c>, and never
/// deletes them. Call <see cref="DeleteThoseOfThisProcess"/> once synthesis is over (the node process has loaded
/// everything by then).
/// </summary>
public static partial class JsiiTemporaryFolders
{
    /// <summary>
    /// Deletes the folders directly under the temp folder that hold jsii's runtime (<c>bin/jsii-runtime.js</c>) or
    /// the CDK's bundles (<c>Amazon.CDK.Lib.*.tgz</c>) and were created since this process started.
    /// </summary>
    /// <returns>How many folders were deleted.</returns>
    public static int DeleteThoseOfThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        var started = self.StartTime.ToUniversalTime().AddSeconds(-1);
        var deleted = 0;
        foreach (var directory in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories())
        {
            if (!RandomFileName().IsMatch(directory.Name) || directory.CreationTimeUtc < started || !IsJsii(directory))
            {
                continue;
            }

            try
            {
                directory.Delete(recursive: true);
                deleted++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another process's, or already gone: leave it.
            }
        }

        return deleted;
    }

    private static bool IsJsii(DirectoryInfo directory) =>
        File.Exists(Path.Combine(directory.FullName, "bin", "jsii-runtime.js"))
        || directory.EnumerateFiles("Amazon.CDK.Lib.*.tgz").Any();

    [GeneratedRegex("^[a-z0-9]{8}\\.[a-z0-9]{3}$")]
    private static partial Regex RandomFileName();
}
