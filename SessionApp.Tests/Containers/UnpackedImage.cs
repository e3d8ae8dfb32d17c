using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SessionApp.Tests.Containers;

/// <summary>
/// An image from the local registry unpacked into a root file system (<c>scripts/unpack-image.sh</c>), whose
/// entrypoint can be started there without a container engine (<c>scripts/run-image-rootfs.sh</c>: new mount and PID
/// namespaces, the image's root, working directory, user and environment).
/// </summary>
internal sealed class UnpackedImage : IDisposable
{
    private static readonly TimeSpan UnpackTimeout = TimeSpan.FromMinutes(2);

    private UnpackedImage(string directory) => Directory = directory;

    public string Directory { get; }

    public string RootFileSystem => Path.Combine(Directory, "rootfs");

    public static async Task<UnpackedImage> UnpackAsync(string image)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("sessionapp-rootfs-").FullName;
        await ToolRun.RunOrThrowAsync(
            RepositoryRoot.Script("unpack-image.sh"),
            [image, directory],
            UnpackTimeout,
            new Dictionary<string, string> { ["SKOPEO_ARGS"] = "--src-tls-verify=false" });
        return new UnpackedImage(directory);
    }

    /// <summary>Starts the entrypoint with these variables added to the image's environment; output goes to <paramref name="output"/>.</summary>
    public Process Start(IReadOnlyDictionary<string, string> environment, Action<string> output)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var startInfo = new ProcessStartInfo(RepositoryRoot.Script("run-image-rootfs.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Directory);
        foreach (var (name, value) in environment)
        {
            startInfo.ArgumentList.Add($"{name}={value}");
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("run-image-rootfs.sh did not start.");
        process.OutputDataReceived += (_, e) => Write(output, e.Data);
        process.ErrorDataReceived += (_, e) => Write(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The entrypoint's process: the one child of the namespace's <c>unshare</c>, which the script became.</summary>
    public static int? EntrypointProcessId(Process runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var children = $"/proc/{runner.Id}/task/{runner.Id}/children";
        if (!File.Exists(children))
        {
            return null;
        }

        var first = File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is null ? null : int.Parse(first, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>
    /// The line with control characters (the console logger's colour escapes among them) written as <c>\uXXXX</c>:
    /// the test output goes into the TRX report, whose XML cannot hold them, and one such character cut the report
    /// short.
    /// </summary>
    private static string Printable(string line)
    {
        if (!line.Any(c => char.IsControl(c) && c != '\t'))
        {
            return line;
        }

        var printable = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            if (char.IsControl(c) && c != '\t')
            {
                printable.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.ToString();
    }

    private static void Write(Action<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            output(Printable(line));
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output no longer takes lines.
        }
    }
}
