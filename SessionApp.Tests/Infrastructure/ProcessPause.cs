using System.Diagnostics;
using System.Globalization;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// Freezes a process with SIGSTOP (<c>kill -STOP</c>), as a server stalled mid-command looks to its clients: the
/// connection stays open and commands sent to it wait, then run once it resumes. Disposing sends SIGCONT;
/// always dispose, so a failed test never leaves a server frozen.
/// </summary>
public sealed class ProcessPause : IAsyncDisposable
{
    private readonly int _processId;
    private bool _resumed;

    private ProcessPause(int processId) => _processId = processId;

    public static async Task<ProcessPause> StartAsync(int processId)
    {
        await SignalAsync("-STOP", processId);
        return new ProcessPause(processId);
    }

    /// <summary>Lets the process run again (once); commands it was sent while frozen then run.</summary>
    public async Task ResumeAsync()
    {
        if (!_resumed)
        {
            _resumed = true;
            await SignalAsync("-CONT", _processId);
        }
    }

    public async ValueTask DisposeAsync() => await ResumeAsync();

    private static async Task SignalAsync(string signal, int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { signal, processId.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {processId} exited with {kill.ExitCode}.");
        }
    }
}
