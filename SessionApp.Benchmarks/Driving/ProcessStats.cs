using System.Globalization;

namespace SessionApp.Benchmarks.Driving;

/// <summary>Reads a running process's peak memory and CPU time from /proc (Linux).</summary>
internal static class ProcessStats
{
    // USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The peak resident set size (VmHWM) in bytes, or null when it cannot be read.</summary>
    public static long? PeakWorkingSet(int processId)
    {
        var lines = TryRead($"/proc/{processId}/status");
        if (lines is null)
        {
            return null;
        }

        foreach (var line in lines.Split('\n'))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kilobytes * 1024;
            }
        }

        return null;
    }

    /// <summary>User plus system CPU time the process has used so far, or null when it cannot be read.</summary>
    public static TimeSpan? CpuTime(int processId)
    {
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        var text = TryRead($"/proc/{processId}/stat");
        if (text is null)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The machine's idle and total CPU time so far (/proc/stat, all cores), or null when it cannot be read.</summary>
    public static (long Idle, long Total)? MachineCpu()
    {
        var text = TryRead("/proc/stat");
        if (text is null)
        {
            return null;
        }

        // cpu  user nice system idle iowait irq softirq steal ... Interrupt time (irq, softirq) is left out: the
        // kernel's loopback network work lands there and belongs to no process, ours included.
        var fields = text[..text.IndexOf('\n', StringComparison.Ordinal)].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(static f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields[3] + fields[4], fields[0] + fields[1] + fields[2] + fields[3] + fields[4] + fields[7]);
    }

    /// <summary>The share of the machine's CPU left idle between two <see cref="MachineCpu"/> readings.</summary>
    public static double? IdleShare((long Idle, long Total)? before, (long Idle, long Total)? after) =>
        before is { } b && after is { } a && a.Total > b.Total ? (double)(a.Idle - b.Idle) / (a.Total - b.Total) : null;

    /// <summary>
    /// The share of the machine's CPU used by processes other than the benchmark's own (<paramref name="ours"/>)
    /// between two <see cref="MachineCpu"/> readings: other work on the machine that skews the figures.
    /// </summary>
    public static double? OtherShare((long Idle, long Total)? before, (long Idle, long Total)? after, TimeSpan? ours)
    {
        if (before is not { } b || after is not { } a || ours is null || a.Total <= b.Total)
        {
            return null;
        }

        var busy = (a.Total - b.Total) - (a.Idle - b.Idle);
        var oursTicks = ours.Value.TotalSeconds * TicksPerSecond;
        return Math.Max(0, busy - oursTicks) / (a.Total - b.Total);
    }

    /// <summary>A /proc file's text, or null when it is absent or its process ended while it was read.</summary>
    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
