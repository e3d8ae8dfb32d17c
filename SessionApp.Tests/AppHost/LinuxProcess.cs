namespace SessionApp.Tests.AppHost;

/// <summary>Processes on this Linux machine, read from /proc.</summary>
internal static class LinuxProcess
{
    public static bool Exists(int processId) => Directory.Exists($"/proc/{processId}");

    /// <summary>
    /// Kills a process and every process below it, deepest first. A project replica is <c>dotnet run</c> with the
    /// service as its child; killing only the parent would leave the service running.
    /// </summary>
    public static IReadOnlyList<int> KillTree(int processId)
    {
        var tree = Descendants(processId).Append(processId).ToArray();
        foreach (var pid in tree)
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // Gone already.
            }
        }

        return tree;
    }

    /// <summary>The processes below <paramref name="processId"/>, children after their own children.</summary>
    public static IEnumerable<int> Descendants(int processId)
    {
        foreach (var child in Children(processId))
        {
            foreach (var grandchild in Descendants(child))
            {
                yield return grandchild;
            }

            yield return child;
        }
    }

    /// <summary>The ids of every process on the machine.</summary>
    public static IEnumerable<int> All() =>
        Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    /// <summary>A process's command line, its arguments joined by spaces; empty when it has ended.</summary>
    public static string CommandLine(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline").Replace('\0', ' ').TrimEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static List<int> Children(int processId)
    {
        var children = new List<int>();
        foreach (var pid in All())
        {
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == processId)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return children;
    }

    public static async Task<bool> WaitUntilGoneAsync(int processId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Exists(processId))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return true;
    }
}
