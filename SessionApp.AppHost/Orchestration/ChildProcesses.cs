using System.Collections.Concurrent;
using System.Diagnostics;

namespace SessionApp.AppHost.Orchestration;

/// <summary>
/// Starts every child process and makes sure none outlives the AppHost. On Linux each child runs under
/// <c>setpriv --pdeathsig KILL</c>, launched from one thread that lives as long as the AppHost, so the kernel
/// kills the child even when the AppHost itself is killed with SIGKILL (<c>setsid</c> execs in place, so the
/// process id stays the child's own). On a normal exit (Ctrl-C, SIGTERM,
/// disposal, <see cref="AppDomain.ProcessExit"/>) every live child's process tree is killed as well.
/// </summary>
internal static class ChildProcesses
{
    private static readonly string? SetPriv = OperatingSystem.IsLinux() && File.Exists("/usr/bin/setpriv") ? "/usr/bin/setpriv" : null;
    private static readonly string? SetSid = SetPriv is not null && File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Requests = [];
    private static readonly ConcurrentDictionary<int, Process> Live = new();

    static ChildProcesses()
    {
        var launcher = new Thread(Launch) { IsBackground = true, Name = "apphost-child-launcher" };
        launcher.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    /// <summary>Starts <paramref name="fileName"/> with output redirected; the task completes once it runs.</summary>
    public static Task<Process> StartAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(SetSid ?? SetPriv ?? fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (SetSid is not null)
        {
            // A session of its own: Ctrl-C in the terminal reaches only the AppHost, which then stops children in order.
            info.ArgumentList.Add(SetPriv!);
        }

        if (SetPriv is not null)
        {
            foreach (var prefix in new[] { "--pdeathsig", "KILL", "--", fileName })
            {
                info.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, started));
        return started.Task;
    }

    /// <summary>Kills <paramref name="process"/> and its descendants at once.</summary>
    public static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Already gone, or exiting.
        }
    }

    /// <summary>Forgets a process that has exited.</summary>
    public static void Release(Process process) => Live.TryRemove(new KeyValuePair<int, Process>(process.Id, process));

    /// <summary>Kills every child still alive; safe to call more than once.</summary>
    public static void KillAll()
    {
        foreach (var process in Live.Values)
        {
            KillTree(process);
        }
    }

    private static void Launch()
    {
        // Process.Start runs on this thread, which never ends before the AppHost does: PR_SET_PDEATHSIG
        // fires when the thread that forked the child ends, so forking from a pool thread would kill children early.
        foreach (var (info, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
                Live[process.Id] = process;
                started.SetResult(process);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                started.SetException(new AppHostException($"Could not start {info.FileName}: {ex.Message}", ex));
            }
        }
    }
}
